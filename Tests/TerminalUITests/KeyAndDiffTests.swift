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

    @Test("a new size redraws everything")
    func resize() {
        let runs = CanvasDiff.runs(from: Canvas(width: 3, height: 1), to: Canvas(width: 4, height: 1))
        #expect(runs == [CanvasDiff.Run(x: 0, y: 0, text: "    ", style: .plain)])
    }
}
