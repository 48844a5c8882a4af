import CafeModel
import TerminalUI

/// The bar of a server barista cannot ask (gunicorn, uvicorn, a `--sync-url` on this machine), drawn from the
/// kernel's view of its processes (`ShowState.insideView`): what each worker is doing right now — blocked in sleep,
/// reading a client, waiting for customers, working on a core. What the kernel cannot tell (which customer, how
/// many buzzers a loop holds) is said, not drawn as zero.
///
/// Sync side: `[■][◌][■][■]` then `4 workers: 3 blocked in sleep, 1 reading · kernel`.
/// Async side: `[BLOCKED] in sleep · kernel` then `buzzers: the kernel cannot tell how many`.
struct KernelBarPart: Widget {
    var context: PaneContext
    var inside: InsideView

    private var glyphs: Glyphs { context.glyphs }
    private var palette: Palette { context.palette }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label("bar", into: &canvas, area: area)
        if context.state.cafe == .sync {
            drawWorkers(into: &canvas, area: rest)
        } else {
            drawLoops(into: &canvas, area: rest)
        }
    }

    /// One cell per worker, then the summary on the next row (or after the cells when there is one row).
    private func drawWorkers(into canvas: inout Canvas, area: Rect) {
        let workers = inside.workers
        var x = area.x
        for worker in workers where x + 3 <= area.right {
            canvas.write("[", x: x, y: area.y, style: palette.muted)
            canvas.write(glyph(worker.activity), x: x + 1, y: area.y, style: style(worker.activity))
            canvas.write("]", x: x + 2, y: area.y, style: palette.muted)
            x += 3
        }
        let summary: Line = [
            Span(InsideView.summary(workers), palette.text),
            Span(" \(glyphs.separator) from the kernel", palette.muted),
        ]
        let below = area.splitTop(1).rest
        if area.height > 1, Paragraph.wrap(summary, width: below.width).count <= below.height {
            // Wrapped over the rows below the cells: the counts are never cut.
            Paragraph([summary]).render(into: &canvas, area: below)
        } else if area.height > 1 {
            // Too few rows for the words (the code panel took them): every count, in short.
            canvas.write(compact(workers), x: below.x, y: below.y, style: palette.text, maxWidth: below.width)
        } else {
            canvas.write(
                compact(workers), x: x + 1, y: area.y, style: palette.text, maxWidth: max(area.right - x - 1, 0))
        }
    }

    /// "3 sleep 1 read" for a single row.
    private func compact(_ workers: [InsideView.Thread]) -> String {
        let short: [KernelActivity: String] = [
            .sleeping: "sleep", .reading: "read", .working: "cpu", .waitingForThread: "lock",
            .waitingForCustomers: "wait", .unknown: "?",
        ]
        return KernelActivity.summaryOrder.compactMap { activity in
            let n = InsideView.count(workers, activity)
            return n > 0 ? "\(n) \(short[activity]!)" : nil
        }.joined(separator: " ")
    }

    /// The loop (or loops, one per worker process) as the kernel sees it: BLOCKED when it sleeps or works on a core
    /// instead of waiting for events, then what the kernel cannot tell.
    private func drawLoops(into canvas: inout Canvas, area: Rect) {
        let loops = inside.workers
        let stuck = loops.filter { $0.activity == .sleeping || $0.activity == .working }
        var line: Line
        if let first = stuck.first {
            let which = loops.count > 1 ? " \(stuck.count)/\(loops.count)" : ""
            line = [
                Span("[BLOCKED\(which)]", palette.blockedBanner), Span(" \(first.activity.words)", palette.blocked),
            ]
        } else {
            let many = loops.count > 1 ? " \(glyphs.times)\(loops.count)" : ""
            let doing = loops.first?.activity.words ?? "not seen"
            line = [Span("[loop\(many)]", palette.calm), Span(" \(doing)", palette.muted)]
        }
        line.append(Span(" \(glyphs.separator) from the kernel", palette.muted))
        canvas.writeWhole(line, x: area.x, y: area.y, maxWidth: area.width)
        guard area.height > 1 else { return }
        let forms = [
            "buzzers: the kernel cannot tell how many a loop holds", "buzzers: not visible to the kernel",
            "buzzers: unknown",
        ]
        let words = forms.first { TextWidth.columns(of: $0) <= area.width } ?? forms[forms.count - 1]
        canvas.write(words, x: area.x, y: area.y + 1, style: palette.muted, maxWidth: area.width)
    }

    private func glyph(_ activity: KernelActivity) -> String {
        switch activity {
        case .sleeping, .working: return glyphs.filled
        case .reading: return glyphs.reading
        case .waitingForCustomers: return glyphs.idle
        case .waitingForThread, .unknown: return "?"
        }
    }

    private func style(_ activity: KernelActivity) -> Style {
        switch activity {
        case .sleeping: return palette.blocked
        case .working: return palette.busy
        case .reading: return palette.reading
        case .waitingForCustomers, .waitingForThread, .unknown: return palette.muted
        }
    }
}
