import Testing

@testable import TerminalUI

/// Renders one widget into a canvas of the given size and returns its rows as text.
private func picture(_ widget: some Widget, width: Int, height: Int = 1) -> [String] {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget, in: canvas.area)
    return canvas.lines
}

@Suite("A canvas: cells with styles")
struct CanvasTests {
    @Test("writes text clipped to its width and to the canvas")
    func clips() {
        var canvas = Canvas(width: 8, height: 2)
        #expect(canvas.write("barista café", x: 2, y: 0) == 6)
        canvas.write("cups", x: 0, y: 1, maxWidth: 2)
        #expect(canvas.lines == ["  barist", "cu      "])
    }

    @Test("a wide character takes two columns and reads once")
    func wide() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("☕ok", x: 0, y: 0)
        #expect(canvas.lines == ["☕ok"])
        #expect(canvas[1, 0].isContinuation)
    }

    @Test("keeps the style of every cell")
    func styles() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.write([Span("ok ", .fg(.green)), Span("no", Style(foreground: .red, bold: true))], x: 0, y: 0)
        #expect(canvas.style(atX: 0, y: 0) == .fg(.green))
        #expect(canvas.style(atX: 3, y: 0) == Style(foreground: .red, bold: true))
        #expect(canvas.style(atX: 5, y: 0) == .plain)
    }

    @Test("writeWhole leaves out a span that does not fit instead of cutting it")
    func whole() {
        var canvas = Canvas(width: 12, height: 1)
        canvas.writeWhole([Span("4 blocked"), Span(", 2 idle")], x: 0, y: 0, maxWidth: 12)
        #expect(canvas.lines == ["4 blocked   "])
    }

    @Test("text trims trailing spaces")
    func text() {
        var canvas = Canvas(width: 5, height: 2)
        canvas.write("a", x: 1, y: 1)
        #expect(canvas.text == "\n a")
    }
}

@Suite("Widgets drawn as text")
struct WidgetPictureTests {
    @Test("a box with a title, cut to fit")
    func box() {
        let lines = picture(Box(title: [Span("SYNC café")]), width: 16, height: 3)
        #expect(lines == ["┌ SYNC café ───┐", "│              │", "└──────────────┘"])
        let narrow = picture(Box(title: [Span("a very long title")]), width: 12, height: 2)
        #expect(narrow[0] == "┌ a ver… ──┐")
    }

    @Test("an ASCII box")
    func asciiBox() {
        #expect(picture(Box(title: [Span("t")], glyphs: .ascii), width: 6, height: 2) == ["+ t -+", "+----+"])
    }

    @Test("a paragraph wraps at word boundaries, keeping styles")
    func paragraph() {
        let red = Style.fg(.red)
        var canvas = Canvas(width: 10, height: 3)
        canvas.render(Paragraph([[Span("the loop is "), Span("BLOCKED", red), Span(" now")]]), in: canvas.area)
        #expect(canvas.lines == ["the loop  ", "is BLOCKED", "now       "])
        #expect(canvas.style(atX: 3, y: 1) == red)
        #expect(canvas.style(atX: 0, y: 2) == .plain)
    }

    @Test("a word longer than the width is cut into pieces")
    func longWord() {
        #expect(Paragraph.wrap([Span("abcdefgh")], width: 3).map(\.plainText) == ["abc", "def", "gh"])
    }

    @Test("a centred paragraph")
    func centered() {
        #expect(picture(Paragraph("hi", alignment: .center), width: 6) == ["  hi  "])
    }

    @Test("a gauge shows progress in whole glyphs; any progress shows, only done is full")
    func gauge() {
        #expect(picture(Gauge(ratio: 0.8), width: 5) == ["■■■■□"])
        #expect(picture(Gauge(ratio: 0.01), width: 5) == ["■□□□□"])
        #expect(picture(Gauge(ratio: 0.99), width: 5) == ["■■■■□"])
        #expect(picture(Gauge(ratio: 1), width: 5) == ["■■■■■"])
        #expect(picture(Gauge(ratio: 0, glyphs: .ascii), width: 3) == ["..."])
    }

    @Test("a sparkline: newest at the right, scaled to a maximum")
    func sparkline() {
        #expect(picture(Sparkline([1, 2, 3, 4, 5, 6, 7, 8]), width: 8) == ["▁▂▃▄▅▆▇█"])
        #expect(picture(Sparkline([8, 0, 4], maximum: 8), width: 5) == ["  █ ▄"])
        #expect(picture(Sparkline([1, 2, 3, 4, 5, 6, 7, 8]), width: 3) == ["▆▇█"])
        #expect(picture(Sparkline([4, 8], glyphs: .ascii), width: 2) == ["-#"])
    }

    @Test("bars of a histogram, two rows tall")
    func bars() {
        #expect(picture(Bars([16, 8, 4, 0], barWidth: 1, gap: 1), width: 7, height: 2) == ["█      ", "█ █ ▄  "])
    }

    @Test("a lane of customers with +N when they do not fit")
    func lane() {
        #expect(picture(Lane(count: 3, glyph: "●"), width: 8) == ["●●●     "])
        #expect(picture(Lane(count: 27, glyph: "●"), width: 10) == ["●●●●●● +21"])
        #expect(picture(Lane(count: 1234, glyph: "o"), width: 4) == ["+1234"].map { String($0.prefix(4)) })
        #expect(Lane.columnsUsed(count: 27, glyphColumns: 1, width: 10) == 10)
        #expect(Lane.columnsUsed(count: 3, glyphColumns: 1, width: 10) == 3)
    }

    @Test("a lane over several rows wraps like text; +N and the caller's words end the last row")
    func laneRows() {
        #expect(picture(Lane(count: 7, glyph: "●"), width: 4, height: 2) == ["●●●●", "●●● "])
        #expect(picture(Lane(count: 20, glyph: "●", reserve: 3), width: 5, height: 2) == ["●●●●●", "+15  "])
        #expect(picture(Lane(count: 12, glyph: "o", reserve: 2), width: 6, height: 2) == ["oooooo", "o +5  "])
        #expect(Lane.end(count: 4, glyphColumns: 1, width: 4, rows: 2, reserve: 0) == (0, 4))
        #expect(Lane.end(count: 12, glyphColumns: 1, width: 6, rows: 2, reserve: 2) == (1, 4))
        #expect(Lane.end(count: 0, glyphColumns: 1, width: 6, rows: 2, reserve: 2) == (0, 0))
    }

    @Test("glyph levels from a value and a maximum")
    func levels() {
        #expect(Glyphs.unicode.level(0, maximum: 10) == " ")
        #expect(Glyphs.unicode.level(0.1, maximum: 10) == "▁")
        #expect(Glyphs.unicode.level(10, maximum: 10) == "█")
        #expect(Glyphs.ascii.plain("a → b ↔ c") == "a -> b <-> c")
        #expect(Glyphs.unicode.isUnicode && !Glyphs.ascii.isUnicode)
    }
}

@Suite("Rectangles")
struct RectTests {
    @Test("split into parts that add up")
    func splits() {
        let area = Rect(x: 0, y: 0, width: 81, height: 24)
        let (left, right) = area.halves()
        #expect(left == Rect(x: 0, y: 0, width: 40, height: 24))
        #expect(right == Rect(x: 40, y: 0, width: 41, height: 24))
        #expect(area.splitTop(2).rest == Rect(x: 0, y: 2, width: 81, height: 22))
        #expect(area.splitBottom(1).bottom == Rect(x: 0, y: 23, width: 81, height: 1))
        #expect(area.inset(by: 1) == Rect(x: 1, y: 1, width: 79, height: 22))
        #expect(area.centered(width: 10, height: 4) == Rect(x: 35, y: 10, width: 10, height: 4))
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).inset(by: 2).isEmpty)
    }
}
