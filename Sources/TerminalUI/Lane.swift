/// A line of the same glyph, one per item, `●●●●●● +21`: customers at the door, buzzers in hands. Given more than
/// one row it wraps like text, so a long queue looks long. When the items do not fit, the glyphs stop and `+N`
/// says how many more there are, so the count is never wrong.
public struct Lane: Widget {
    public var count: Int
    public var glyph: String
    public var style: Style
    public var overflowStyle: Style
    /// Columns left free at the end of the last row, for the caller's words after the lane (`27 queued`).
    public var reserve: Int

    public init(count: Int, glyph: String, style: Style = .plain, overflowStyle: Style = .plain, reserve: Int = 0) {
        self.count = max(count, 0)
        self.glyph = glyph
        self.style = style
        self.overflowStyle = overflowStyle
        self.reserve = max(reserve, 0)
    }

    /// How many glyphs are drawn in `width` columns, and the `+N` text, if any.
    public static func layout(count: Int, glyphColumns: Int, width: Int) -> (shown: Int, overflow: String?) {
        layout(count: count, glyphColumns: glyphColumns, width: width, rows: 1, reserve: 0)
    }

    /// How many glyphs are drawn in `rows` rows of `width` columns, keeping `reserve` columns free at the end of the
    /// last row, and the `+N` text, if any.
    public static func layout(
        count: Int, glyphColumns: Int, width: Int, rows: Int, reserve: Int
    ) -> (shown: Int, overflow: String?) {
        let glyphColumns = max(glyphColumns, 1)
        let rows = max(rows, 1)
        let perRow = max(width, 0) / glyphColumns
        let lastWidth = max(width - reserve, 0)
        let fits = (rows - 1) * perRow + lastWidth / glyphColumns
        if count <= fits { return (count, nil) }
        var onLast = lastWidth / glyphColumns
        while onLast >= 0 {
            let shown = (rows - 1) * perRow + onLast
            let overflow = "+\(count - shown)"
            let columns = onLast * glyphColumns + (onLast > 0 ? 1 : 0) + overflow.count
            if columns <= lastWidth || (onLast == 0 && shown > 0) {
                return (shown, overflow)
            }
            onLast -= 1
        }
        return (0, "+\(count)")
    }

    /// The columns the lane actually draws in `width`: its glyphs and its `+N`.
    public static func columnsUsed(count: Int, glyphColumns: Int, width: Int) -> Int {
        end(count: count, glyphColumns: glyphColumns, width: width, rows: 1, reserve: 0).column
    }

    /// Where the lane ends: the row of its last glyph (or `+N`) and the column just after it, both relative to the
    /// area. An empty lane ends at row 0, column 0.
    public static func end(
        count: Int, glyphColumns: Int, width: Int, rows: Int, reserve: Int
    ) -> (row: Int, column: Int) {
        let glyphColumns = max(glyphColumns, 1)
        let (shown, overflow) = layout(
            count: count, glyphColumns: glyphColumns, width: width, rows: rows, reserve: reserve)
        let perRow = max(max(width, 0) / glyphColumns, 1)
        if let overflow {
            let row = max(rows, 1) - 1
            let onLast = shown - row * perRow
            return (row, onLast * glyphColumns + (onLast > 0 ? 1 : 0) + overflow.count)
        }
        guard shown > 0 else { return (0, 0) }
        let row = (shown - 1) / perRow
        return (row, (shown - row * perRow) * glyphColumns)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let glyphColumns = max(TextWidth.columns(of: glyph), 1)
        let rows = area.height
        let (shown, overflow) = Self.layout(
            count: count, glyphColumns: glyphColumns, width: area.width, rows: rows, reserve: reserve)
        let perRow = max(area.width / glyphColumns, 1)
        var left = shown
        var row = 0
        while left > 0, row < rows {
            let here = min(left, perRow)
            canvas.repeatGlyph(glyph, count: here, x: area.x, y: area.y + row, style: style)
            left -= here
            if left > 0 { row += 1 }
        }
        if let overflow {
            let lastRow = rows - 1
            let onLast = shown - lastRow * perRow
            let x = area.x + onLast * glyphColumns + (onLast > 0 ? 1 : 0)
            canvas.write(overflow, x: x, y: area.y + lastRow, style: overflowStyle, maxWidth: area.right - x)
        }
    }
}
