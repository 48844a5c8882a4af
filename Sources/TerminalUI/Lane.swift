/// A row of the same glyph, one per item, `●●●●●● +21`: customers at the door, buzzers in hands. When the items
/// do not fit, the glyphs stop and `+N` says how many more there are, so the count is never wrong.
public struct Lane: Widget {
    public var count: Int
    public var glyph: String
    public var style: Style
    public var overflowStyle: Style

    public init(count: Int, glyph: String, style: Style = .plain, overflowStyle: Style = .plain) {
        self.count = max(count, 0)
        self.glyph = glyph
        self.style = style
        self.overflowStyle = overflowStyle
    }

    /// How many glyphs are drawn in `width` columns, and the `+N` text, if any.
    public static func layout(count: Int, glyphColumns: Int, width: Int) -> (shown: Int, overflow: String?) {
        let glyphColumns = max(glyphColumns, 1)
        if count * glyphColumns <= width { return (count, nil) }
        var shown = width / glyphColumns
        while shown > 0 {
            let overflow = "+\(count - shown)"
            if shown * glyphColumns + 1 + overflow.count <= width { return (shown, overflow) }
            shown -= 1
        }
        return (0, "+\(count)")
    }

    /// The columns the lane actually draws in `width`: its glyphs and its `+N`.
    public static func columnsUsed(count: Int, glyphColumns: Int, width: Int) -> Int {
        let (shown, overflow) = layout(count: count, glyphColumns: glyphColumns, width: width)
        guard let overflow else { return shown * max(glyphColumns, 1) }
        return shown * max(glyphColumns, 1) + (shown > 0 ? 1 : 0) + overflow.count
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let glyphColumns = TextWidth.columns(of: glyph)
        let (shown, overflow) = Self.layout(count: count, glyphColumns: glyphColumns, width: area.width)
        canvas.write(String(repeating: glyph, count: shown), x: area.x, y: area.y, style: style, maxWidth: area.width)
        if let overflow {
            let x = area.x + shown * glyphColumns + (shown > 0 ? 1 : 0)
            canvas.write(overflow, x: x, y: area.y, style: overflowStyle, maxWidth: area.right - x)
        }
    }
}
