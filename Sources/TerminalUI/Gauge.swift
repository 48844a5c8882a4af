/// A progress bar of whole glyphs, `■■■□□`: how far a brew is. Filled and empty cells differ by glyph, not only
/// by colour.
public struct Gauge: Widget {
    public var ratio: Double
    public var filledStyle: Style
    public var emptyStyle: Style
    public var glyphs: Glyphs

    public init(ratio: Double, filledStyle: Style = .plain, emptyStyle: Style = .plain, glyphs: Glyphs = .unicode) {
        self.ratio = ratio.isFinite ? min(max(ratio, 0), 1) : 0
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
        self.glyphs = glyphs
    }

    /// Filled cells out of `width`: any progress shows at least one, only a finished cup fills all.
    public static func filledCells(ratio: Double, width: Int) -> Int {
        guard width > 0, ratio > 0 else { return 0 }
        if ratio >= 1 { return width }
        return min(max(Int((ratio * Double(width)).rounded()), 1), width - 1)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let filled = Self.filledCells(ratio: ratio, width: area.width)
        canvas.repeatGlyph(glyphs.filled, count: filled, x: area.x, y: area.y, style: filledStyle)
        canvas.repeatGlyph(glyphs.empty, count: area.width - filled, x: area.x + filled, y: area.y, style: emptyStyle)
    }
}
