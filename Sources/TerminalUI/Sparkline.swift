/// A history as bars, `▁▂▄▆█`, newest at the right: one column per sample, the last `area.width` samples.
/// Give two sparklines the same `maximum` to make them comparable side by side.
public struct Sparkline: Widget {
    public var values: [Double]
    public var maximum: Double?
    public var style: Style
    public var glyphs: Glyphs

    public init(_ values: [Double], maximum: Double? = nil, style: Style = .plain, glyphs: Glyphs = .unicode) {
        self.values = values
        self.maximum = maximum
        self.style = style
        self.glyphs = glyphs
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let top = maximum ?? (shown.max() ?? 0)
        let start = area.right - shown.count
        let levels = Bars.levels(glyphs, style: style)
        for (offset, value) in shown.enumerated() {
            Bars.drawColumn(value: value, maximum: top, x: start + offset, area: area, levels: levels, canvas: &canvas)
        }
    }
}

/// A small histogram: one bar per bucket, each `barWidth` columns wide with `gap` columns between, as tall as the
/// area (eighths of a cell at the top).
public struct Bars: Widget {
    public var values: [Double]
    public var maximum: Double?
    public var barWidth: Int
    public var gap: Int
    public var style: Style
    public var glyphs: Glyphs

    public init(
        _ values: [Double], maximum: Double? = nil, barWidth: Int = 1, gap: Int = 0, style: Style = .plain,
        glyphs: Glyphs = .unicode
    ) {
        self.values = values
        self.maximum = maximum
        self.barWidth = max(barWidth, 1)
        self.gap = max(gap, 0)
        self.style = style
        self.glyphs = glyphs
    }

    /// The columns `count` bars take.
    public static func columns(count: Int, barWidth: Int, gap: Int) -> Int {
        count == 0 ? 0 : count * barWidth + (count - 1) * gap
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let top = maximum ?? (values.max() ?? 0)
        var x = area.x
        let levels = Self.levels(glyphs, style: style)
        for value in values {
            for column in 0..<barWidth where x + column < area.right {
                Self.drawColumn(value: value, maximum: top, x: x + column, area: area, levels: levels, canvas: &canvas)
            }
            x += barWidth + gap
            if x >= area.right { break }
        }
    }

    /// The eight levels as cells, made once per chart rather than once per cell drawn; a level that is not one
    /// narrow character is drawn as text.
    enum Level {
        case cell(Canvas.Cell)
        case text(String, Style)
    }

    static func levels(_ glyphs: Glyphs, style: Style) -> [Level] {
        glyphs.levels.map { glyph in
            Canvas.Cell(narrowGlyph: glyph, style: style).map(Level.cell) ?? .text(glyph, style)
        }
    }

    /// One bar, bottom up: full cells then the partial top cell.
    static func drawColumn(value: Double, maximum: Double, x: Int, area: Rect, levels: [Level], canvas: inout Canvas) {
        guard value > 0, maximum > 0 else { return }
        let eighths = Int((min(value / maximum, 1) * Double(area.height * 8)).rounded(.up))
        var remaining = max(eighths, 1)
        var y = area.bottom - 1
        while remaining > 0, y >= area.y {
            switch levels[min(remaining, 8) - 1] {
            case .cell(let cell): canvas.fill(Rect(x: x, y: y, width: 1, height: 1), with: cell)
            case .text(let glyph, let style): canvas.repeatGlyph(glyph, count: 1, x: x, y: y, style: style)
            }
            remaining -= 8
            y -= 1
        }
    }
}
