import CafeModel
import TerminalUI

/// The door: customers queued in the kernel's accept queue, one glyph each, then the count in words — and the
/// overload's truth: how many of them have already walked out, and whether the door is full with more outside.
/// `door   ●●●●●●●●●●●● 285 queued, 250 already gone`
struct DoorPart: Widget {
    var context: PaneContext

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let lane = context.label(perLoop.count > 1 ? "doors" : "door", into: &canvas, area: area)
        let state = context.state
        context.drawLane(
            count: state.doorQueue, glyph: context.glyphs.customer, style: context.palette.customer, words: words,
            into: &canvas, area: lane)
    }

    /// With one door per loop (`reuseport`), the queue at each, by loop; empty with one shared door.
    var perLoop: [Int] { context.state.loops.compactMap(\.doorQueue) }

    /// `2,049 full 1,833 gone 212 out` with no commas between: the last form, when nothing longer fits.
    private var squeezed: Line {
        let state = context.state, palette = context.palette
        var line: Line = [
            Span("\(NumberText.compact(state.doorQueue))\(state.doorIsFull ? " full" : "")", palette.customer.bolded)
        ]
        if state.goneAtDoor > 0 {
            line.append(Span(" \(NumberText.compact(state.goneAtDoor)) gone", palette.walkedOut))
        }
        if state.doorIsFull && state.connecting > 0 {
            line.append(Span(" \(NumberText.compact(state.connecting)) out", palette.warning))
        }
        return line
    }

    /// The door's words, longest first.
    var words: [Line] {
        let state = context.state, palette = context.palette
        if let jammed = state.doorJammed {
            let queued = state.doorQueue
            return [
                [Span("\(NumberText.count(queued)) queued, door jammed: \(jammed)", palette.blocked)],
                [Span("\(NumberText.compact(queued)) queued, jammed", palette.blocked)],
                [Span("\(NumberText.compact(queued)) jammed", palette.blocked)],
            ]
        }
        guard state.doorQueue > 0 || state.doorIsFull else {
            return perLoop.count > 1
                ? [
                    [Span("nobody waiting at \(perLoop.count) doors (one per loop)", palette.muted)],
                    [Span("nobody waiting", palette.muted)],
                ]
                : [[Span("nobody waiting", palette.muted)]]
        }
        let backlog = state.doorCapacity.map(NumberText.count) ?? "?"
        let outside = state.doorIsFull ? state.connecting : 0
        func line(
            _ count: (Int) -> String, queued: String, gone: String, out: String, full: String, each: String = ""
        ) -> Line {
            let head =
                (state.doorIsFull ? full : "")
                + ([count(state.doorQueue), queued].filter { !$0.isEmpty }.joined(separator: " "))
            var line: Line = [Span(head, palette.customer.bolded)]
            if !each.isEmpty { line.append(Span(each, palette.muted)) }
            if state.goneAtDoor > 0 { line.append(Span(", \(count(state.goneAtDoor)) \(gone)", palette.walkedOut)) }
            if outside > 0 { line.append(Span(", \(count(outside)) \(out)", palette.warning)) }
            return line
        }
        // One door per loop (reuseport): each loop's own queue, so a blocked loop's line shows beside empty ones.
        let separator = " \(context.glyphs.separator) "
        let each = perLoop.count > 1 ? " (" + perLoop.map(NumberText.compact).joined(separator: separator) + ")" : ""
        return [
            line(
                NumberText.count, queued: "queued", gone: "already gone", out: "waiting outside",
                full: "full (backlog \(backlog)): ", each: each),
            line(NumberText.compact, queued: "queued", gone: "gone", out: "outside", full: "full: ", each: each),
            line(NumberText.compact, queued: "queued", gone: "gone", out: "outside", full: "full: "),
            line(NumberText.compact, queued: "", gone: "gone", out: "out", full: "full "),
            // The narrowest pane (80×24, a full door with customers gone and outside): every number, fewest words.
            squeezed,
        ]
    }
}
