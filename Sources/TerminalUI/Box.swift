/// A frame around an area with a title in its top edge: `┌ SYNC café ───┐`. Draw the box, then draw the
/// content into `inner(of:)`.
public struct Box: Widget {
    public var title: Line
    public var borderStyle: Style
    public var glyphs: Glyphs

    public init(title: Line = [], borderStyle: Style = .plain, glyphs: Glyphs = .unicode) {
        self.title = title
        self.borderStyle = borderStyle
        self.glyphs = glyphs
    }

    /// Where the content goes: the area less its border.
    public static func inner(of area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let edges = [
            (area.y, glyphs.topLeft, glyphs.topRight), (area.bottom - 1, glyphs.bottomLeft, glyphs.bottomRight),
        ]
        for (y, left, right) in edges {
            canvas.repeatGlyph(left, count: 1, x: area.x, y: y, style: borderStyle)
            canvas.repeatGlyph(glyphs.horizontal, count: area.width - 2, x: area.x + 1, y: y, style: borderStyle)
            canvas.repeatGlyph(right, count: 1, x: area.right - 1, y: y, style: borderStyle)
        }
        for y in (area.y + 1)..<(area.bottom - 1) {
            canvas.repeatGlyph(glyphs.vertical, count: 1, x: area.x, y: y, style: borderStyle)
            canvas.repeatGlyph(glyphs.vertical, count: 1, x: area.right - 1, y: y, style: borderStyle)
        }
        if !title.isEmpty, area.width > 4 {
            // " title " sits one cell in from the corner, cut to leave the far corner and one line visible.
            let room = area.width - 4
            var line: Line = [Span(" ", borderStyle)] + title + [Span(" ", borderStyle)]
            if line.columns > room + 2 {
                line = [
                    Span(" ", borderStyle),
                    Span(
                        TextWidth.truncate(title.plainText, to: room - 2, ellipsis: glyphs.ellipsis),
                        title.first?.style ?? borderStyle), Span(" ", borderStyle),
                ]
            }
            canvas.write(line, x: area.x + 1, y: area.y, maxWidth: room + 2)
        }
    }
}
