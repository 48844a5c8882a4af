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
        var items = [served, rate] + losses
        if failureKinds > 0, StatItem.fit(items, width: stats.width - 1, rows: stats.height) == nil,
            StatItem.fit(items, width: rest.width, rows: rest.height) == nil
        {
            // Too many kinds of failure to name here: their total, each named in the lesson panel.
            items = [served, rate] + lossesWithFailureTotal
        }
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

    /// Cups per second over the stated window, beside what was offered over the same seconds:
    /// `48.6/s of 50.2 in 5 s`, `48.6/s (5 s)`, `49/s`.
    var rate: StatItem {
        let served = "\(NumberText.rate(state.servedPerSecond))/s"
        let tiny = [Span("\(NumberText.shortRate(state.servedPerSecond.rounded()))/s", palette.served)]
        let seconds = state.rateWindowSeconds
        guard seconds > 1 else {
            return StatItem([Span(served, palette.served)], short: [Span(served, palette.served)], tiny: tiny)
        }
        let window = [Span(" (\(seconds) s)", palette.muted)]
        guard let offered = state.offeredPerSecond else {
            return StatItem([Span(served, palette.served)] + window, short: [Span(served, palette.served)], tiny: tiny)
        }
        return StatItem(
            [Span(served, palette.served), Span(" of \(NumberText.rate(offered)) in \(seconds) s", palette.muted)],
            short: [Span(served, palette.served)] + window, tiny: tiny)
    }

    /// Walk-outs always (zero is news too); cups for nobody, failures and customers not sent once there are any.
    var losses: [StatItem] {
        let walkedStyle = state.walkedOut > 0 ? palette.walkedOut : palette.muted
        let out = glyphs.walkedOut
        var items = [
            StatItem(
                [Span("\(out) \(NumberText.count(state.walkedOut)) walked out", walkedStyle)],
                short: [Span("\(out) \(NumberText.count(state.walkedOut)) left", walkedStyle)],
                tiny: [Span("\(out) \(NumberText.compact(state.walkedOut))", walkedStyle)])
        ]
        if state.brewedForNobody > 0 {
            let n = state.brewedForNobody
            items.append(
                StatItem(
                    [Span("\(glyphs.nobody) \(NumberText.count(n)) brewed for nobody", palette.walkedOut)],
                    short: [Span("\(glyphs.nobody) \(NumberText.count(n)) for nobody", palette.walkedOut)],
                    tiny: [Span("\(glyphs.nobody) \(NumberText.compact(n))", palette.walkedOut)]))
        }
        // Every kind of failure on its own, named in every form: "! 1,457 refused" is news, "! 1,457" is not.
        for failure in state.failures where failure.count > 0 {
            let n = failure.count
            items.append(
                StatItem(
                    [Span("\(glyphs.warning) \(NumberText.count(n)) \(failure.words)", palette.warning)],
                    short: [Span("\(glyphs.warning) \(NumberText.count(n)) \(failure.short)", palette.warning)],
                    tiny: [Span("\(glyphs.warning) \(NumberText.compact(n)) \(failure.short)", palette.warning)],
                    squeeze: false))
        }
        if state.unseen4xx > 0 {
            // The café's own count: answers written to customers who had already gone.
            let n = state.unseen4xx
            let answer = state.unseen4xxStatus ?? "4xx"
            let code = answer.split(separator: " ").first.map(String.init) ?? answer
            items.append(
                StatItem(
                    [Span("\(glyphs.warning) \(NumberText.count(n)) answered \(answer) to nobody", palette.warning)],
                    short: [Span("\(glyphs.warning) \(NumberText.count(n)) \(code) to nobody", palette.warning)],
                    tiny: [Span("\(glyphs.warning) \(NumberText.compact(n)) \(code) unread", palette.warning)],
                    squeeze: false))
        }
        if let notSent = state.notSent {
            // The generator's shortage, not the café's: the café got fewer customers than the rate says.
            let n = notSent.count
            items.append(
                StatItem(
                    [Span("\(glyphs.notSent) \(NumberText.count(n)) not sent", palette.warning)],
                    short: [Span("\(glyphs.notSent) \(NumberText.compact(n)) not sent", palette.warning)],
                    tiny: [Span("\(glyphs.notSent) \(NumberText.compact(n))", palette.warning)]))
        }
        return items
    }

    /// Kinds of failure this pane would name: each failure, and answers the café wrote to nobody.
    private var failureKinds: Int { state.failures.filter { $0.count > 0 }.count + (state.unseen4xx > 0 ? 1 : 0) }

    /// The losses with one `! 5,377` for every failure together: a count never dropped, the names said elsewhere.
    private var lossesWithFailureTotal: [StatItem] {
        let failures = failureKinds
        let total = state.errors + state.unseen4xx
        var items = losses
        items.removeSubrange(
            (items.count - failures - (state.notSent == nil ? 0 : 1))..<(items.count - (state.notSent == nil ? 0 : 1)))
        items.insert(
            StatItem(
                [Span("\(glyphs.warning) \(NumberText.count(total)) no cup", palette.warning)],
                short: [Span("\(glyphs.warning) \(NumberText.compact(total))", palette.warning)]),
            at: items.count - (state.notSent == nil ? 0 : 1))
        return items
    }

    /// The cups on one line: the count and rate, a sparkline of at least 8 columns when it fits, then the losses in
    /// the longest forms that fit; the sparkline goes before any number would.
    private func drawLine(into canvas: inout Canvas, area: Rect) {
        var head: Line = served.form(0) + [Span(" ")] + rate.form(1) + [Span(" ")]
        var tail = StatItem.fit(losses, width: area.width - head.columns - 8, rows: 1)?.first
        if tail == nil {
            tail = StatItem.fit(losses, width: area.width - head.columns, rows: 1)?.first
        }
        if tail == nil {
            head = served.form(3) + [Span(" ")] + rate.form(2) + [Span(" ")]
            tail = StatItem.fit(losses, width: area.width - head.columns, rows: 1)?.first
        }
        if tail == nil, failureKinds > 0 {
            // One row cannot name every kind of failure: their total here, each named in the lesson panel (a
            // one-row cups part comes only with a short screen, whose panel names them first).
            tail = StatItem.fit(lossesWithFailureTotal, width: area.width - head.columns, rows: 1)?.first
        }
        let last = failureKinds > 0 ? lossesWithFailureTotal : losses
        let words = tail ?? last.map { $0.form(3) }.reduce([]) { $0.isEmpty ? $1 : $0 + [Span(" ")] + $1 }
        let used = canvas.write(head, x: area.x, y: area.y, maxWidth: area.width)
        let sparkWidth = max(min(area.width - used - words.columns - 1, 30), 0)
        let spark = Rect(x: area.x + used, y: area.y, width: sparkWidth, height: 1)
        Sparkline(
            state.servedHistory.samples, maximum: context.sharedServedMaximum, style: palette.served, glyphs: glyphs
        )
        .render(into: &canvas, area: spark)
        let x = spark.right + (sparkWidth > 0 ? 1 : 0)
        canvas.write(words, x: x, y: area.y, maxWidth: area.right - x)
    }
}
