import CafeModel
import TerminalUI

/// What a pane draws in place of the rows nobody can see from outside (`ShowState.outsideView`): a server given by
/// URL, or gunicorn/uvicorn, shows no baristas, buzzers or loop lag — only what its customers and the kernel see.
/// `bar    unknown from outside (no /stats)` / `asks for /brew?ms=100&kind=io`; for a server barista started, the
/// kernel's count of its processes and threads (`kernel: 1 process, 9 threads`) and the last exception its log named.
struct OutsidePart: Widget {
    var context: PaneContext
    var outside: OutsideView
    /// The row this part stands for: "bar" or "door".
    var row: String

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label(row, into: &canvas, area: area)
        let palette = context.palette
        let why = row == "door" ? "not on this machine, no /stats" : "no /stats"
        var forms: [Line] = [
            [Span("unknown from outside (\(why))", palette.muted)],
            [Span("unknown from outside", palette.muted)],
            [Span("unknown", palette.muted)],
        ]
        if row == "bar", let kernel = outside.kernel {
            // What the kernel counts is known: said first, the unknown after it.
            let processes = NumberText.plural(kernel.processes, "process", "processes")
            let threads = NumberText.plural(kernel.threads, "thread")
            let known = Span("kernel: \(processes), \(threads)", palette.text)
            forms = [
                [known, Span(" \(context.glyphs.separator) rest unknown (no /stats)", palette.muted)],
                [known, Span(" \(context.glyphs.separator) rest unknown", palette.muted)],
                [
                    Span(
                        "kernel: \(NumberText.count(kernel.processes)) proc, \(NumberText.count(kernel.threads)) threads",
                        palette.text)
                ],
                [Span("\(NumberText.count(kernel.processes))p \(NumberText.count(kernel.threads))t", palette.text)],
            ]
        }
        let line = forms.first { $0.columns <= rest.width } ?? forms[forms.count - 1]
        canvas.write(line, x: rest.x, y: rest.y, maxWidth: rest.width)
        guard row == "bar", rest.height > 1 else { return }
        let server = outside.server.map { "\($0) \(context.glyphs.separator) " } ?? ""
        // The exception first: it is why the cups row counts errors, and it must not be the part cut off.
        let failing = outside.lastException.map { "its log: \($0) \(context.glyphs.separator) " } ?? ""
        // Wrapped over the rows the part has, so a long path is not cut mid-word where there is room below.
        let asks = Paragraph("\(failing)\(server)asks for \(Self.path(of: outside.url))", style: palette.muted)
        canvas.render(asks, in: Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: rest.height - 1))
    }

    /// The path and query of a URL (`/brew?ms=100&kind=io`), or `/`.
    static func path(of url: String) -> String { split(url).path }

    /// `http://127.0.0.1:8000` of a URL.
    static func origin(of url: String) -> String { split(url).origin }

    private static func split(_ url: String) -> (origin: String, path: String) {
        guard let scheme = url.range(of: "://") else { return (url, "/") }
        let end = url[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        let path = String(url[end...])
        return (String(url[..<end]), path.isEmpty ? "/" : path.hasPrefix("?") ? "/" + path : path)
    }
}
