import CafeModel
import TerminalUI

/// nginx in front of the sync café (`--proxy nginx`), drawn as what it is, above the café's own door: its
/// connections by state from `stub_status` (reading = slow customers nginx is still hearing out for the café), its
/// own door and workers from the kernel, and the customers it answered itself with a static file (`--static`).
/// With room each has a row and the café's door keeps the rows below; on one row all of it is said in short.
/// `nginx  reading 4 · writing 4 · waiting 0 · door 0 · 1 worker: 1 waiting for customers`
/// `static ✓ 1,234 30.0/s · p50 1ms p99 3ms · answered by nginx from disk`
struct FrontPart: Widget {
    var context: PaneContext
    var front: FrontView

    private var palette: Palette { context.palette }
    private var glyphs: Glyphs { context.glyphs }
    private var separator: Span { Span(" \(glyphs.separator) ", palette.muted) }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let files = front.staticFiles
        let rowsWanted = 2 + (files == nil ? 0 : 1)
        var rest = area
        func row(_ label: String, _ forms: [Line]) {
            let line = context.label(label, into: &canvas, area: rest.splitTop(1).top)
            canvas.write(
                forms.first { $0.columns <= line.width } ?? forms.last!, x: line.x, y: line.y, maxWidth: line.width)
            rest = rest.splitTop(1).rest
        }
        if area.height >= rowsWanted {
            row("nginx", nginxForms(cafeDoor: false))
            if let files { row("static", staticForms(files)) }
            DoorPart(context: context).render(into: &canvas, area: rest)
        } else if area.height == 2 {
            row(
                "nginx",
                zip(nginxForms(cafeDoor: false), files.map(staticForms) ?? []).map { $0 + [separator] + $1 }
                    + nginxForms(cafeDoor: false))
            DoorPart(context: context).render(into: &canvas, area: rest)
        } else {
            let short = files.map { [separator] + staticForms($0).last! } ?? []
            row("nginx", nginxForms(cafeDoor: true).map { $0 + short } + [tightest(files)])
        }
    }

    /// nginx's connections by state, its door and workers; longest first. `cafeDoor`: the café's door is named at
    /// the end, for a pane with no row to spare for it.
    func nginxForms(cafeDoor: Bool) -> [Line] {
        let queued = context.state.doorQueue
        let door =
            cafeDoor
            ? [
                Span(
                    " \(glyphs.separator) café door \(NumberText.compact(queued))",
                    queued > 0 ? palette.customer : palette.muted)
            ]
            : []
        guard let connections = front.connections else {
            return [
                [Span("starting (no stub_status yet)", palette.muted)] + door, [Span("starting", palette.muted)] + door,
            ]
        }
        let reading = Span(
            "reading \(NumberText.compact(connections.reading))",
            connections.reading > 0 ? palette.reading : palette.muted)
        let writing = Span(
            "writing \(NumberText.compact(connections.writing))", connections.writing > 0 ? palette.busy : palette.muted
        )
        let waiting = Span("waiting \(NumberText.compact(connections.waiting))", palette.muted)
        let ownDoor = front.doorQueue.map { [separator, Span("door \(NumberText.compact($0))", palette.muted)] } ?? []
        let workers = front.inside.map { [separator, Span(InsideView.summary($0.workers), palette.muted)] } ?? []
        return [
            [reading, separator, writing, separator, waiting] + ownDoor + door + workers,
            [reading, separator, writing, separator, waiting] + ownDoor + door,
            [reading, separator, writing] + door,
            [
                Span(
                    "r\(NumberText.compact(connections.reading)) w\(NumberText.compact(connections.writing))",
                    palette.reading)
            ]
                + door,
        ]
    }

    /// Every number in the fewest columns, for one narrow row: `r0 w64 door 52 files 9ms`.
    func tightest(_ files: FrontView.StaticFiles?) -> Line {
        let connections = front.connections
        let states =
            connections.map { "r\(NumberText.compact($0.reading)) w\(NumberText.compact($0.writing))" } ?? "starting"
        let file = files.map { " files " + ($0.p99Ms.map { NumberText.milliseconds($0) } ?? "-") } ?? ""
        return [Span("\(states) door \(NumberText.compact(context.state.doorQueue))\(file)", palette.text)]
    }

    /// The static customers' files and waits; longest first.
    func staticForms(_ files: FrontView.StaticFiles) -> [Line] {
        let style = palette.served
        let p99 = files.p99Ms.map { "p99 \(NumberText.milliseconds($0))" } ?? "p99 -"
        let p50 = files.p50Ms.map { "p50 \(NumberText.milliseconds($0)) " } ?? ""
        let failed = files.failed > 0 ? [Span(", \(NumberText.compact(files.failed)) failed", palette.walkedOut)] : []
        return [
            [Span("\(glyphs.cup) \(NumberText.count(files.served)) \(NumberText.rate(files.servedPerSecond))/s", style)]
                + failed + [
                    separator, Span("\(p50)\(p99)", palette.text), separator,
                    Span("answered by nginx from disk", palette.muted),
                ],
            [
                Span(
                    "\(glyphs.cup) \(NumberText.compact(files.served)) \(NumberText.rate(files.servedPerSecond))/s",
                    style)
            ]
                + failed + [separator, Span(p99, palette.text)],
            [Span("files \(p99)", palette.text)],
        ]
    }
}
