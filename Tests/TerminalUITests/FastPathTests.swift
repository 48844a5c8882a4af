import Testing

@testable import TerminalUI

/// The canvas reads most text scalar by scalar and keeps cells as plain bits; these tests hold the fast paths to
/// what the slow ones (a `Character` at a time) give.
@Suite("The canvas's fast paths")
struct FastPathTests {
    @Test("every scalar read alone stands alone: beside a letter, before one, and twice over it is two characters")
    func standAloneScalarsAreCharacters() {
        var checked = 0
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value), TextWidth.standsAlone(scalar) else { continue }
            for pair: (Unicode.Scalar, Unicode.Scalar) in [("a", scalar), (scalar, "a"), (scalar, scalar)] {
                var text = String()
                text.unicodeScalars.append(pair.0)
                text.unicodeScalars.append(pair.1)
                #expect(text.count == 2, "U+\(String(value, radix: 16)) joins a neighbour")
            }
            checked += 1
        }
        #expect(checked > 3_000)
    }

    @Test("a character of several scalars keeps all of them in its cell, and counts as its first scalar's width")
    func multiScalarCharacters() {
        var canvas = Canvas(width: 8, height: 1)
        let accented = "e\u{301}"  // e and a combining acute accent: one character
        let used = canvas.write("\(accented)☕️x", x: 0, y: 0)
        #expect(used == 4)
        #expect(canvas[0, 0].character == Character(accented))
        #expect(canvas[1, 0].character == Character("☕️"))
        #expect(canvas[2, 0].isContinuation)
        #expect(canvas[3, 0].character == "x")
        #expect(canvas.lines == ["\(accented)☕️x    "])
        #expect(TextWidth.columns(of: "\(accented)☕️x") == 4)
        // The same character written twice is the same cell (a diff writes nothing for it).
        var again = canvas
        again.write(accented, x: 0, y: 0)
        #expect(again == canvas)
    }

    @Test("a cell's character can be set and read back, whatever it is")
    func cellCharacter() {
        var cell = Canvas.Cell("a", .fg(.red))
        for character: Character in ["b", "●", "☕", "e\u{301}", "🇫🇷", "\u{0}"] {
            cell.character = character
            #expect(cell.character == character)
            #expect(cell.style == .fg(.red))
        }
        #expect(Canvas.Cell(narrowGlyph: "─")?.character == "─")
        #expect(Canvas.Cell(narrowGlyph: "☕") == nil)  // wide
        #expect(Canvas.Cell(narrowGlyph: "ab") == nil)
    }

    @Test("a diff's runs hold the same text whether the row is plain ASCII, glyphs or several-scalar characters")
    func diffText() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.write("a●e\u{301}☕️b", x: 0, y: 0)
        let runs = CanvasDiff.runs(from: nil, to: canvas)
        #expect(runs.map(\.text) == ["a●e\u{301}☕️b    "])
    }

    @Test("wrapping the same words twice gives the same rows (the second time from memory)")
    func wrapRemembered() {
        let line: Line = [Span("the quick brown fox jumps over the lazy dog", .fg(.green))]
        let first = Paragraph.wrap(line, width: 12)
        let second = Paragraph.wrap(line, width: 12)
        #expect(first == second)
        #expect(first.map(\.plainText) == ["the quick", "brown fox", "jumps over", "the lazy dog"])
        #expect(
            Paragraph.wrap(line, width: 20).map(\.plainText) == ["the quick brown fox", "jumps over the lazy", "dog"])
    }
}
