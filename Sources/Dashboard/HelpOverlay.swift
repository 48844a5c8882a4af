import TerminalUI

/// The `?` overlay: every key and what it does (from `KeyMap.bindings`), and what each glyph means.
struct HelpOverlay: Widget {
    var glyphs: Glyphs
    var palette: Palette

    /// Wide enough for the longest key's help (the clean slate's), narrow enough for an 80-column screen.
    static let width = 72

    var lines: [Line] {
        var lines: [Line] = KeyMap.bindings.map { binding in
            [Span(" " + binding.keys.padded(7), palette.key), Span(glyphs.plain(binding.help), palette.text)]
        }
        lines.append([])
        lines.append([
            Span(" \(glyphs.customer) ", palette.customer),
            Span("customer at the door (accept queue)".padded(38), palette.text),
            Span("\(glyphs.filled) ", palette.blocked), Span("barista blocked", palette.text),
        ])
        lines.append([
            Span(" \(glyphs.buzzer) ", palette.awaiting),
            Span("customer holding a buzzer (await)".padded(38), palette.text),
            Span("\(glyphs.cup) ", palette.served), Span("cup served", palette.text),
        ])
        lines.append([
            Span(" \(glyphs.walkedOut) ", palette.walkedOut),
            Span("walked out (client timeout)".padded(38), palette.text),
            Span("\(glyphs.empty) ", palette.muted), Span("rest of the brew", palette.text),
        ])
        lines.append([
            Span(" \(glyphs.nobody) ", palette.walkedOut),
            Span("cup brewed for nobody (customer gone)".padded(38), palette.text),
            Span("\(glyphs.idle) ", palette.muted), Span("idle", palette.text),
        ])
        lines.append([
            Span(" \(glyphs.reading) ", palette.reading),
            Span("barista reading an order still arriving (slow or late customer)", palette.text),
        ])
        lines.append([
            Span(" \(glyphs.warning) ", palette.warning),
            Span("no cup (refused, reset, timeout, 4xx…)".padded(38), palette.text),
            Span("\(glyphs.notSent) ", palette.warning), Span("not sent by the generator", palette.text),
        ])
        let bars = [0, 2, 5, 7].map { glyphs.levels[$0] }.joined()
        lines.append([
            Span(" \(bars) ", palette.served), Span("a minute, a bar a second, newest right".padded(35), palette.text),
            Span("back ", palette.label), Span("\(glyphs.filled) ", palette.helper),
            Span("back-room helper", palette.text),
        ])
        return lines
    }

    var height: Int { lines.count + 2 }

    func render(into canvas: inout Canvas, area: Rect) {
        canvas.fill(area)
        Box(title: [Span("keys", palette.title)], borderStyle: palette.key, glyphs: glyphs).render(
            into: &canvas, area: area)
        Paragraph(lines, wrap: false).render(into: &canvas, area: Box.inner(of: area))
    }
}

extension String {
    func padded(_ width: Int) -> String {
        let columns = TextWidth.columns(of: self)
        return columns >= width ? self + " " : self + String(repeating: " ", count: width - columns)
    }
}
