import TestSupport
import Testing

@testable import TerminalUI

@Suite("A canvas as terminal bytes")
struct CanvasANSITests {
    /// A small screen with a box, styles, a wide character and text touching the last column of the last row.
    static func sample() -> Canvas {
        var canvas = Canvas(width: 24, height: 5)
        canvas.render(Box(title: [Span("SYNC", .plain.bolded)]), in: Rect(x: 0, y: 0, width: 12, height: 3))
        canvas.write("●●● 3 queued", x: 12, y: 1, style: .fg(.yellow))
        canvas.write("blocked", x: 1, y: 3, style: Style(foreground: .red, background: .white, bold: true))
        canvas.write("dim", x: 9, y: 3, style: .plain.dimmed.reversed)
        canvas.write("☕ cup", x: 14, y: 3, style: .fg(.green))
        canvas.write("last row to the edge!", x: 3, y: 4)
        canvas.write("X", x: 23, y: 4, style: .fg(.blue))
        return canvas
    }

    @Test("a full frame replayed by a terminal shows the same cells, styles included")
    func frameRoundTrip() {
        let canvas = Self.sample()
        var terminal = TestTerminal(width: canvas.width, height: canvas.height)
        terminal.feed("garbage left by the shell\r\n")
        terminal.feed(CanvasANSI.frame(canvas))
        #expect(terminal.lines == canvas.lines)
        #expect(terminal.screen == canvas)
        #expect(terminal.screen.style(atX: 1, y: 3) == Style(foreground: .red, background: .white, bold: true))
        #expect(terminal.screen.style(atX: 9, y: 3) == Style(dim: true, reverse: true))
        #expect(terminal.screen.style(atX: 23, y: 4) == .fg(.blue))
        #expect(terminal.unknown.isEmpty)
    }

    @Test("a frame starts at home, has no newlines and ends plain")
    func frameShape() {
        let bytes = CanvasANSI.frame(Self.sample())
        #expect(bytes.contains("\u{1B}[H"))
        #expect(!bytes.contains("\n"))
        #expect(bytes.hasSuffix("\u{1B}[0m"))
    }

    @Test("a difference writes only what changed and brings the screen to the next canvas")
    func differenceRoundTrip() {
        let before = Self.sample()
        var after = before
        after.write("●●●●● 5 queued", x: 10, y: 1, style: .fg(.yellow))
        after.write("42", x: 0, y: 2, style: .plain.bolded)
        after.write("cup☕", x: 13, y: 3, style: .fg(.green))  // moves the wide character by one column
        after.write("Y", x: 23, y: 4)
        var terminal = TestTerminal(width: before.width, height: before.height)
        terminal.feed(CanvasANSI.frame(before))
        let difference = CanvasANSI.difference(from: before, to: after)
        terminal.feed(difference)
        #expect(terminal.lines == after.lines)
        #expect(terminal.screen == after)
        #expect(difference.utf8.count < CanvasANSI.frame(after).utf8.count / 2)
        #expect(!difference.contains("blocked"))
    }

    @Test("an unchanged canvas is no bytes; a new size is a whole frame")
    func nothingOrAll() {
        let canvas = Self.sample()
        #expect(CanvasANSI.difference(from: canvas, to: canvas) == "")
        #expect(CanvasANSI.difference(from: nil, to: canvas) == CanvasANSI.frame(canvas))
        #expect(CanvasANSI.difference(from: Canvas(width: 3, height: 3), to: canvas) == CanvasANSI.frame(canvas))
    }

    @Test("a wide character's half overwritten leaves a space, not a stale half")
    func brokenWideCharacter() {
        var before = Canvas(width: 6, height: 1)
        before.write("a☕b", x: 0, y: 0)
        var after = before
        after.write("x", x: 1, y: 0)  // the cup's right half is left as a continuation
        var terminal = TestTerminal(width: 6, height: 1)
        terminal.feed(CanvasANSI.frame(before))
        terminal.feed(CanvasANSI.difference(from: before, to: after))
        #expect(terminal.lines == ["ax b  "])
        var fresh = TestTerminal(width: 6, height: 1)
        fresh.feed(CanvasANSI.frame(after))
        #expect(fresh.lines == ["ax b  "])
    }

    @Test("SGR sets exactly the style, from a reset")
    func sgr() {
        #expect(CanvasANSI.sgr(.plain) == "\u{1B}[0m")
        #expect(CanvasANSI.sgr(Style(foreground: .cyan, background: .black, bold: true)) == "\u{1B}[0;1;36;40m")
        #expect(CanvasANSI.sgr(Style(dim: true, reverse: true)) == "\u{1B}[0;2;7m")
    }
}
