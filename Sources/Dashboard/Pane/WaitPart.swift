import CafeModel
import TerminalUI

/// The wait, from each customer's planned arrival to the cup: p50 and p99 of the last few seconds and their
/// histogram. When no cup came lately, the last figures stay with their age, never passed off as now.
struct WaitPart: Widget {
    var context: PaneContext

    private var state: ShowState { context.state }
    private var glyphs: Glyphs { context.glyphs }
    private var palette: Palette { context.palette }

    /// The wait histogram's buckets by their upper bound; the last holds everything slower.
    static let bucketNames: [String] =
        ShowState.waitBucketBoundsMs.enumerated().map { index, bound in
            let name = bound >= 1000 ? "\(Int(bound / 1000))s" : "\(Int(bound))"
            return index == 0 ? name + "ms" : name
        } + [">\(Int((ShowState.waitBucketBoundsMs.last ?? 0) / 1000))s"]

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label("wait", into: &canvas, area: area)
        if area.height == 1 {
            drawLine(into: &canvas, area: rest)
            return
        }
        let (stats, chart) = context.columns(of: rest)
        let drawn = StatItem.draw(items, into: &canvas, area: stats, wider: rest)
        guard !drawn.tookChart else { return }
        // Before the first cup the axis is drawn empty, so the student knows where the waits will show.
        let buckets =
            state.waitHistogram.isEmpty
            ? Array(repeating: 0, count: Self.bucketNames.count) : state.waitHistogram.map(Double.init)
        guard chart.width >= buckets.count else { return }
        // One bar per bucket, as wide as the chart allows, with the buckets' bounds on the row under them.
        let pitch = min(chart.width / buckets.count, 7)
        let barWidth = pitch >= 2 ? pitch - 1 : 1
        let bars = Rect(
            x: chart.x, y: chart.y,
            width: Bars.columns(count: buckets.count, barWidth: barWidth, gap: pitch - barWidth),
            height: chart.height - 1)
        drawBars(buckets, into: &canvas, area: bars, barWidth: barWidth, gap: pitch - barWidth)
        if bars.height >= 3, buckets.allSatisfy({ $0 <= 0 }), let note = context.quietNote {
            context.drawNote(note, into: &canvas, area: bars, below: drawn.rows)
        }
        var x = chart.x, end = chart.x
        let scaleRow = chart.y + chart.height - 1
        for (index, name) in Self.bucketNames.prefix(buckets.count).enumerated() {
            x = chart.x + index * pitch
            guard x >= end + (index == 0 ? 0 : 1) else { continue }
            end = x + canvas.write(name, x: x, y: scaleRow, style: palette.muted, maxWidth: rest.right - x)
        }
    }

    /// p50 and p99, and how old they are when no cup came lately.
    private var items: [StatItem] {
        let p50 = NumberText.milliseconds(state.waitP50Ms), p99 = NumberText.milliseconds(state.waitP99Ms)
        var items = [
            StatItem([Span("p50 ", palette.muted), Span(p50, palette.text)]),
            StatItem([Span("p99 ", palette.muted), Span(p99, palette.text)]),
        ]
        if let age = ageWords {
            items.append(
                StatItem([Span("as of \(age) ago", palette.warning)], short: [Span("\(age) ago", palette.warning)]))
        }
        return items
    }

    /// "12 s" when the figures are from before the last few seconds.
    private var ageWords: String? {
        state.waitAgeSeconds >= 1 ? "\(Int(state.waitAgeSeconds.rounded())) s" : nil
    }

    private func drawBars(_ buckets: [Double], into canvas: inout Canvas, area: Rect, barWidth: Int, gap: Int) {
        guard !area.isEmpty else { return }
        // A floor under every bucket shows the histogram's extent; empty buckets stay just floor.
        canvas.repeatGlyph(glyphs.levels[0], count: area.width, x: area.x, y: area.bottom - 1, style: palette.muted)
        let slow = (state.waitP99Ms ?? 0) > 2 * Double(max(context.scenario.brewMilliseconds, 1))
        Bars(buckets, barWidth: barWidth, gap: gap, style: slow ? palette.customer : palette.served, glyphs: glyphs)
            .render(into: &canvas, area: area)
    }

    /// The wait on one line: `p50 612ms p99 1.9s  ▁▁▁▃▆█▅▂▁ 10ms…5s+`, or with the figures' age in place of the
    /// scale when they are old.
    private func drawLine(into canvas: inout Canvas, area: Rect) {
        let p50 = NumberText.milliseconds(state.waitP50Ms), p99 = NumberText.milliseconds(state.waitP99Ms)
        let text: Line = [
            Span("p50 ", palette.muted), Span(p50.padding(5), palette.text),
            Span(" p99 ", palette.muted), Span(p99.padding(5), palette.text), Span(" ", palette.muted),
        ]
        var used = canvas.write(text, x: area.x, y: area.y, maxWidth: area.width)
        if let age = ageWords {
            let words = ["as of \(age) ago", "\(age) ago"].first { $0.count <= area.width - used } ?? "old"
            canvas.write(words, x: area.x + used, y: area.y, style: palette.warning, maxWidth: area.width - used)
            return
        }
        let buckets = state.waitHistogram.map(Double.init)
        guard !buckets.isEmpty, used < area.width else { return }
        let histogram = Rect(x: area.x + used, y: area.y, width: min(area.width - used, buckets.count), height: 1)
        drawBars(buckets, into: &canvas, area: histogram, barWidth: 1, gap: 0)
        used += histogram.width
        let bounds = ShowState.waitBucketBoundsMs
        let scale =
            " \(NumberText.milliseconds(bounds.first))\(glyphs.ellipsis)\(NumberText.milliseconds(bounds.last))+"
        canvas.writeWhole([Span(scale, palette.muted)], x: area.x + used, y: area.y, maxWidth: area.width - used)
    }
}

extension String {
    /// Left-aligned in at least `width` columns.
    fileprivate func padding(_ width: Int) -> String {
        let columns = TextWidth.columns(of: self)
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
}
