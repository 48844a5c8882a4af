import TestSupport
import Testing

@testable import TerminalUI

@Suite("Decoding keys")
struct KeyDecoderTests {
    @Test("characters, space and control codes")
    func characters() {
        #expect(KeyDecoder.decode(character: UInt32(UInt8(ascii: "+"))) == .character("+"))
        #expect(KeyDecoder.decode(character: 32) == .character(" "))
        #expect(KeyDecoder.decode(character: 27) == .escape)
        #expect(KeyDecoder.decode(character: 10) == .enter)
        #expect(KeyDecoder.decode(character: 127) == .backspace)
        #expect(KeyDecoder.decode(character: 3) == .control("c"))
        #expect(KeyDecoder.decode(character: 0xE9) == .character("é"))
    }

    @Test("ncurses function keys")
    func functionKeys() {
        #expect(KeyDecoder.decode(keyCode: 0o403) == .up)
        #expect(KeyDecoder.decode(keyCode: 0o402) == .down)
        #expect(KeyDecoder.decode(keyCode: 0o411) == .function(1))
        #expect(KeyDecoder.decode(keyCode: 0o527) == .enter)
        #expect(KeyDecoder.decode(keyCode: 9999) == .unknown(9999))
    }
}

@Suite("Drawing only what changed")
struct CanvasDiffTests {
    @Test("the first frame is written whole, one run per row and style")
    func first() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.write("ab", x: 0, y: 0, style: .fg(.red))
        let runs = CanvasDiff.runs(from: nil, to: canvas)
        #expect(runs.map(\.text) == ["ab", "  ", "    "])
        #expect(runs[0].style == .fg(.red))
    }

    @Test("an unchanged frame writes nothing; a change writes just itself")
    func changes() {
        var before = Canvas(width: 10, height: 2)
        before.write("queue 27", x: 0, y: 0)
        #expect(CanvasDiff.runs(from: before, to: before).isEmpty)
        var after = before
        after.write("28", x: 6, y: 0)
        #expect(CanvasDiff.runs(from: before, to: after) == [CanvasDiff.Run(x: 7, y: 0, text: "8", style: .plain)])
    }

    @Test("a wide character cut in half becomes a space, and the runs put the rest of the row in its place")
    func halfAWideCharacter() {
        var before = Canvas(width: 6, height: 1)
        before.write("a☕b", x: 0, y: 0)
        for (text, column, expected) in [
            ("x", 2, "a xb  "), ("y", 1, "ay b  "), ("☕", 2, "a ☕  "), ("zz", 0, "zz b  "),
        ] {
            var after = before
            after.write(text, x: column, y: 0)
            #expect(after.line(0) == expected, "\(text) at \(column)")
            // The runs, drawn where they say on a terminal that shows `before`, give the same row.
            var terminal = TestTerminal(width: 6, height: 1)
            terminal.feed(CanvasANSI.frame(before))
            for run in CanvasDiff.runs(from: before, to: after) {
                terminal.feed("\u{1B}[\(run.y + 1);\(run.x + 1)H\(run.text)")
            }
            #expect(terminal.lines == [expected], "\(text) at \(column)")
        }
        var filled = before
        filled.fill(Rect(x: 2, y: 0, width: 2, height: 1), with: "-")
        #expect(filled.line(0) == "a --  ")
    }

    @Test("a new size redraws everything")
    func resize() {
        let runs = CanvasDiff.runs(from: Canvas(width: 3, height: 1), to: Canvas(width: 4, height: 1))
        #expect(runs == [CanvasDiff.Run(x: 0, y: 0, text: "    ", style: .plain)])
    }
}
