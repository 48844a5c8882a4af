import CafeModel
import TerminalUI

/// The async café's bar: the loop on the first row (taking orders, or BLOCKED with how long nobody has taken
/// one), the buzzers on the rows below it, and the back room on the last row while it has helpers at work.
struct AsyncBarPart: Widget {
    var context: PaneContext

    private var state: ShowState { context.state }
    private var glyphs: Glyphs { context.glyphs }
    private var palette: Palette { context.palette }

    /// The back room is drawn while the café offloads, and after a switch while cups from then are still in it.
    var showsBackRoom: Bool { context.scenario.asyncHandler == .offload || state.helpers != nil }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let backRoom = showsBackRoom
        if backRoom && area.height >= 3 { drawHelpers(into: &canvas, row: area.row(area.height - 1)) }
        let rest = context.label("bar", into: &canvas, area: area)
        let backRoomRows = backRoom && area.height >= 3 ? 1 : 0
        // A second row for the blocked loops' words when they do not fit beside the banner and there is room.
        let loopRows = drawLoop(into: &canvas, area: rest, spareRows: rest.height - 1 - backRoomRows - 1)
        let buzzerRows = max(rest.height - loopRows - backRoomRows, 1)
        guard rest.height > loopRows else { return }
        drawBuzzers(
            into: &canvas, area: Rect(x: rest.x, y: rest.y + loopRows, width: rest.width, height: buzzerRows))
    }

    /// `[taking orders] lag <1ms`, `[BLOCKED] lag 412ms nobody takes orders`; the worst lag of the last two
    /// seconds is named as such, so a figure from a blocked moment is not read as now. With several loops and only
    /// some blocked, the blocked ones and the customers they hold: `[loop 2 BLOCKED] 3 customers stuck with it`.
    /// Returns the rows it used: one, or two when some loops are blocked, their words are too long for one row
    /// and `spareRows` leaves room for a second one.
    private func drawLoop(into canvas: inout Canvas, area: Rect, spareRows: Int) -> Int {
        let loops = state.loops
        guard !loops.isEmpty else {
            canvas.write("[opening]", x: area.x, y: area.y, style: palette.muted)
            return 1
        }
        let blocked = loops.filter(\.isBlocked).count
        let lagNow = loops.map(\.lagMs).max() ?? 0
        let worst = loops.map(\.maxLagMs).max() ?? 0
        let cpuFromBefore = context.scenario.kind == .io && loops.contains { $0.state == .running }
        var line: Line
        if blocked > 0 && blocked < loops.count {
            let forms = partlyBlocked(loops)
            if let fits = forms.first(where: { $0.columns <= area.width }), fits == forms[0] || spareRows < 1 {
                line = fits
            } else if spareRows >= 1 {
                // Banner and lag on the first row, who is stuck and who serves on the second.
                let second = partlyBlocked(loops, banner: false)
                canvas.writeWhole(
                    [forms[0][0], Span(" lag \(Self.lag(lagNow))", palette.blocked)], x: area.x, y: area.y,
                    maxWidth: area.width)
                let words = second.first { $0.columns <= area.width } ?? second[second.count - 1]
                canvas.writeWhole(words, x: area.x, y: area.y + 1, maxWidth: area.width)
                return 2
            } else {
                line = forms[forms.count - 1]
            }
        } else if blocked > 0 {
            let which = loops.count > 1 ? " \(blocked)/\(loops.count)" : ""
            line = [
                Span("[BLOCKED\(which)]", palette.blockedBanner), Span(" lag \(Self.lag(lagNow))", palette.blocked),
            ]
            if cpuFromBefore {
                let room = area.width - line.columns
                line.append(Span(room >= 23 ? " cpu orders from before" : " old cpu", palette.warning))
            }
            line.append(Span(" nobody takes orders", palette.muted))
        } else {
            let many = loops.count > 1 ? " \(glyphs.times)\(loops.count)" : ""
            line = [Span("[taking orders\(many)]", palette.calm), Span(" lag \(Self.lag(lagNow))", palette.muted)]
            if worst >= ShowState.blockedLagMs {
                line.append(Span(" \(glyphs.separator) worst \(Self.lag(worst)) in 2 s", palette.warning))
            }
        }
        canvas.writeWhole(line, x: area.x, y: area.y, maxWidth: area.width)
        return 1
    }

    /// Some loops blocked, the others free: who is stuck and who still serves, longest form first. Customers a
    /// blocked loop took in wait for it even while another loop is free (uvicorn's workers: a connection stays
    /// with the worker that accepted it).
    private func partlyBlocked(_ loops: [ShowState.Loop], banner showsBanner: Bool = true) -> [Line] {
        let stuck = loops.filter(\.isBlocked)
        let free = loops.count - stuck.count
        let held = stuck.reduce(0) { $0 + ($1.customers ?? 0) }
        let known = stuck.allSatisfy { $0.customers != nil }
        let banner =
            stuck.count == 1
            ? "[loop \(stuck[0].id + 1) BLOCKED]" : "[\(stuck.count)/\(loops.count) loops BLOCKED]"
        let them = stuck.count == 1 ? "it" : "them"
        let serve = free == 1 ? "the other loop serves" : "\(free) loops serve"
        let sep = " \(glyphs.separator) "
        func form(_ customers: String, _ serving: String) -> Line {
            var line: Line = showsBanner ? [Span(banner, palette.blockedBanner)] : []
            if known {
                line.append(Span((showsBanner ? " " : "") + customers, held > 0 ? palette.blocked : palette.muted))
            }
            if !serving.isEmpty { line.append(Span((line.isEmpty ? "" : sep) + serving, palette.calm)) }
            return line
        }
        return [
            form("\(NumberText.plural(held, "customer")) stuck with \(them)", serve),
            form("\(NumberText.plural(held, "customer")) stuck with \(them)", "\(free) free"),
            form("\(NumberText.plural(held, "customer")) stuck with \(them)", ""),
            form("\(NumberText.compact(held)) stuck", "\(free) free"),
            form("\(NumberText.compact(held)) stuck", ""),
        ]
    }

    /// Loop lag as a student reads it: under a millisecond is "<1ms", not microseconds.
    static func lag(_ milliseconds: Double) -> String {
        if milliseconds <= 0 { return "0ms" }
        return milliseconds < 1 ? "<1ms" : NumberText.milliseconds(milliseconds)
    }

    private func drawBuzzers(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let awaiting = state.awaiting
        let prefix = "buzzers "
        canvas.write(prefix, x: area.x, y: area.y, style: palette.muted)
        let style = awaiting == 0 ? palette.muted : palette.awaiting
        context.drawLane(
            count: awaiting, glyph: glyphs.buzzer, style: palette.awaiting,
            words: [
                [Span("\(NumberText.count(awaiting)) awaiting", style)], [Span(NumberText.compact(awaiting), style)],
            ],
            into: &canvas, area: area.splitLeft(prefix.count).rest)
    }

    /// `back   ■■■■ 4/4 helpers busy, 368 waiting for one` — the offload café's queue, shown even when narrow.
    private func drawHelpers(into canvas: inout Canvas, row: Rect) {
        let area = context.label("back", into: &canvas, area: row)
        let helpers = state.helpers ?? ShowState.Helpers(threads: context.scenario.offloadThreads, busy: 0, waiting: 0)
        let leftOver = context.scenario.asyncHandler != .offload
        let waiting = helpers.waiting
        func words(busy: String, wait: String, count: (Int) -> String, before: String) -> Line {
            [Span("\(helpers.busy)/\(helpers.threads)" + (busy.isEmpty ? "" : " \(busy)"), palette.helper)]
                + (waiting > 0 ? [Span(", \(count(waiting)) \(wait)", palette.customer)] : [])
                + (leftOver ? [Span(" \(before)", palette.warning)] : [])
        }
        let forms = [
            words(
                busy: "helpers busy", wait: "waiting for one", count: NumberText.count, before: "(left from offload)"),
            words(busy: "busy", wait: "wait", count: NumberText.compact, before: "(before)"),
            words(busy: "", wait: "wait", count: NumberText.compact, before: "(old)"),
        ]
        // Four helper glyphs at least, when the words leave room for them.
        let words = forms.first { $0.columns + 5 <= area.width } ?? forms[forms.count - 1]
        let shown = min(helpers.threads, max(area.width - words.columns - 1, 0))
        for index in 0..<shown {
            let busy = index < helpers.busy
            canvas.write(
                busy ? glyphs.filled : glyphs.idle, x: area.x + index, y: area.y,
                style: busy ? palette.helper : palette.muted)
        }
        canvas.write(words, x: area.x + shown + (shown > 0 ? 1 : 0), y: area.y, maxWidth: area.width - shown)
    }
}
