import CafeModel
import TerminalUI

/// The cups: how many were handed over and how fast, how many customers walked out, how many cups were brewed
/// for nobody (the customer had left: work that served no one), every other way a customer got no cup, and the
/// customers the generator could not send here at all.
/// `cups   ✓ 1,204 40.0/s ▆▆▆▆▆▆ ✗ 250 out ∅ 41 for nobody ⊘ 3,169 not sent`
struct CupsPart: Widget {
    var context: PaneContext

    private var state: ShowState { context.state }
    private var glyphs: Glyphs { context.glyphs }
    private var palette: Palette { context.palette }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label("cups", into: &canvas, area: area)
        if area.height == 1 {
            drawLine(into: &canvas, area: rest)
            return
        }
        let (stats, chart) = context.columns(of: rest)
        let items = [served, rate] + losses
        let drawn = StatItem.draw(items, into: &canvas, area: stats, wider: rest)
        guard !drawn.tookChart else { return }
        context.drawHistory(
            state.servedHistory.samples, maximum: context.sharedServedMaximum, style: palette.served,
            empty: context.quietNote ?? "no cups this minute", numberRows: drawn.rows, into: &canvas, area: chart)
    }

    private var served: StatItem {
        let style = palette.served.bolded
        return StatItem(
            [Span("\(glyphs.cup) \(NumberText.count(state.served))", style)],
            tiny: [Span("\(glyphs.cup) \(NumberText.compact(state.served))", style)])
    }

    private var rate: StatItem {
        StatItem(
            [Span("\(NumberText.rate(state.servedPerSecond))/s", palette.served)],
            tiny: [Span("\(NumberText.shortRate(state.servedPerSecond.rounded()))/s", palette.served)])
    }

    /// Walk-outs always (zero is news too); cups for nobody, failures and customers not sent once there are any.
    var losses: [StatItem] {
        let walkedStyle = state.walkedOut > 0 ? palette.walkedOut : palette.muted
        let out = glyphs.walkedOut
        var items = [StatItem(
            [Span("\(out) \(NumberText.count(state.walkedOut)) walked out", walkedStyle)],
            short: [Span("\(out) \(NumberText.count(state.walkedOut)) left", walkedStyle)],
            tiny: [Span("\(out) \(NumberText.compact(state.walkedOut))", walkedStyle)])]
        if state.brewedForNobody > 0 {
            let n = state.brewedForNobody
            items.append(StatItem(
                [Span("\(glyphs.nobody) \(NumberText.count(n)) brewed for nobody", palette.walkedOut)],
                short: [Span("\(glyphs.nobody) \(NumberText.count(n)) for nobody", palette.walkedOut)],
                tiny: [Span("\(glyphs.nobody) \(NumberText.compact(n))", palette.walkedOut)]))
        }
        if state.errors > 0 {
            let n = state.errors
            let what = state.failures.count == 1 ? state.failures[0].words : "failed"
            items.append(StatItem(
                [Span("\(glyphs.warning) \(NumberText.count(n)) \(what)", palette.warning)],
                short: [Span("\(glyphs.warning) \(NumberText.count(n)) failed", palette.warning)],
                tiny: [Span("\(glyphs.warning) \(NumberText.compact(n))", palette.warning)]))
        }
        if let notSent = state.notSent {
            // The generator's shortage, not the café's: the café got fewer customers than the rate says.
            let n = notSent.count
            items.append(StatItem(
                [Span("\(glyphs.notSent) \(NumberText.count(n)) not sent", palette.warning)],
                short: [Span("\(glyphs.notSent) \(NumberText.compact(n)) not sent", palette.warning)],
                tiny: [Span("\(glyphs.notSent) \(NumberText.compact(n))", palette.warning)]))
        }
        return items
    }

    /// The cups on one line: the count and rate, a sparkline of at least 8 columns when it fits, then the losses in
    /// the longest forms that fit; the sparkline goes before any number would.
    private func drawLine(into canvas: inout Canvas, area: Rect) {
        var head: Line = served.form(0) + [Span(" ")] + rate.form(0) + [Span(" ")]
        var tail = StatItem.fit(losses, width: area.width - head.columns - 8, rows: 1)?.first
        if tail == nil {
            tail = StatItem.fit(losses, width: area.width - head.columns, rows: 1)?.first
        }
        if tail == nil {
            head = served.form(3) + [Span(" ")] + rate.form(1) + [Span(" ")]
            tail = StatItem.fit(losses, width: area.width - head.columns, rows: 1)?.first
        }
        let words = tail ?? losses.map { $0.form(3) }.reduce([]) { $0.isEmpty ? $1 : $0 + [Span(" ")] + $1 }
        let used = canvas.write(head, x: area.x, y: area.y, maxWidth: area.width)
        let sparkWidth = max(min(area.width - used - words.columns - 1, 30), 0)
        let spark = Rect(x: area.x + used, y: area.y, width: sparkWidth, height: 1)
        Sparkline(state.servedHistory.samples, maximum: context.sharedServedMaximum, style: palette.served, glyphs: glyphs)
            .render(into: &canvas, area: spark)
        let x = spark.right + (sparkWidth > 0 ? 1 : 0)
        canvas.write(words, x: x, y: area.y, maxWidth: area.right - x)
    }
}
