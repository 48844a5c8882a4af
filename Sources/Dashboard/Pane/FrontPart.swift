import CafeModel
import TerminalUI

/// nginx in front of the sync café (`--proxy nginx`), drawn as what it is, above the café's own door: its
/// connections by state from `stub_status` (reading = slow customers nginx is still hearing out for the café), its
/// own door from the kernel, and its workers from the kernel. With room, the café's door keeps the rows below.
/// `nginx  reading 4 · writing 4 · waiting 0 · door 0 · 1 worker: 1 waiting for customers`
struct FrontPart: Widget {
    var context: PaneContext
    var front: FrontView

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label("nginx", into: &canvas, area: area)
        let compactDoor = area.height == 1
        let line = forms(compactDoor: compactDoor).first { $0.columns <= rest.width } ?? forms(compactDoor: compactDoor).last!
        canvas.write(line, x: rest.x, y: rest.y, maxWidth: rest.width)
        if area.height > 1 { DoorPart(context: context).render(into: &canvas, area: area.splitTop(1).rest) }
    }

    /// The words, longest first; on one row the café's door is named at the end, as nothing else shows it.
    func forms(compactDoor: Bool) -> [Line] {
        let palette = context.palette, glyphs = context.glyphs
        let cafeDoor = context.state.doorQueue
        let door = compactDoor ? [Span(" \(glyphs.separator) café door \(NumberText.compact(cafeDoor))", cafeDoor > 0 ? palette.customer : palette.muted)] : []
        guard let connections = front.connections else {
            return [[Span("starting (no stub_status yet)", palette.muted)] + door, [Span("starting", palette.muted)] + door]
        }
        let reading = Span("reading \(NumberText.compact(connections.reading))", connections.reading > 0 ? palette.reading : palette.muted)
        let writing = Span("writing \(NumberText.compact(connections.writing))", connections.writing > 0 ? palette.busy : palette.muted)
        let waiting = Span("waiting \(NumberText.compact(connections.waiting))", palette.muted)
        let sep = Span(" \(glyphs.separator) ", palette.muted)
        let ownDoor = front.doorQueue.map { [sep, Span("door \(NumberText.compact($0))", palette.muted)] } ?? []
        let workers = front.inside.map { [sep, Span(InsideView.summary($0.workers), palette.muted)] } ?? []
        return [
            [reading, sep, writing, sep, waiting] + ownDoor + door + workers,
            [reading, sep, writing, sep, waiting] + ownDoor + door,
            [reading, sep, writing] + door,
            [Span("r\(NumberText.compact(connections.reading)) w\(NumberText.compact(connections.writing))", palette.reading)] + door,
        ]
    }
}
