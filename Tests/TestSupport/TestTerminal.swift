import TerminalUI

/// A tiny terminal emulator for tests: it replays what `CanvasANSI` (or an asciicast's "o" events) writes and keeps
/// the screen as a `Canvas`, so a test can compare the picture a player would show with the canvas that was drawn.
///
/// It knows what barista writes and what an xterm does with it: absolute and forward cursor moves, clear screen,
/// SGR (reset, bold, dim, reverse, the eight colours and their defaults), carriage return, newline, autowrap at the
/// right edge, wide characters. Other escape sequences are skipped.
public struct TestTerminal {
    public private(set) var screen: Canvas
    public private(set) var cursorX = 0
    public private(set) var cursorY = 0
    public private(set) var style = Style.plain
    /// Escape sequences it did not understand (final byte and parameters), for tests that want none.
    public private(set) var unknown: [String] = []

    public init(width: Int, height: Int) {
        screen = Canvas(width: width, height: height)
    }

    /// The screen's rows, full width, as `Canvas.lines`.
    public var lines: [String] { screen.lines }

    public mutating func feed(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        var characters = ""
        func flushCharacters(_ terminal: inout TestTerminal) {
            for character in characters { terminal.put(character) }
            characters = ""
        }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case "\u{1B}":
                flushCharacters(&self)
                guard let next = scalars.first else { return }
                scalars = scalars.dropFirst()
                guard next == "[" else { continue }
                var parameters = ""
                while let p = scalars.first, !(0x40...0x7E).contains(p.value) {
                    parameters.unicodeScalars.append(p)
                    scalars = scalars.dropFirst()
                }
                guard let final = scalars.first else { return }
                scalars = scalars.dropFirst()
                control(final: Character(final), parameters: parameters)
            case "\r":
                flushCharacters(&self)
                cursorX = 0
            case "\n":
                flushCharacters(&self)
                cursorY = min(cursorY + 1, screen.height - 1)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                characters.unicodeScalars.append(scalar)
            }
        }
        flushCharacters(&self)
    }

    mutating func put(_ character: Character) {
        let w = TextWidth.columns(of: character)
        if cursorX + w > screen.width {  // autowrap, as xterm does with its pending wrap
            cursorX = 0
            cursorY = min(cursorY + 1, screen.height - 1)
        }
        // Overwriting half of a wide character blanks its other half, as a real terminal does.
        for x in cursorX..<(cursorX + w) {
            if screen[x, cursorY].isContinuation { screen[x - 1, cursorY] = .blank }
            if x + 1 < screen.width, screen[x + 1, cursorY].isContinuation,
                TextWidth.columns(of: screen[x, cursorY].character) == 2
            {
                screen[x + 1, cursorY] = .blank
            }
        }
        screen.write(String(character), x: cursorX, y: cursorY, style: style)
        cursorX += w
    }

    mutating func control(final: Character, parameters: String) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func number(_ index: Int, default value: Int) -> Int {
            index < numbers.count ? (numbers[index] ?? value) : value
        }
        switch final {
        case "H", "f":
            cursorY = max(0, min(number(0, default: 1) - 1, screen.height - 1))
            cursorX = max(0, min(number(1, default: 1) - 1, screen.width - 1))
        case "C":
            cursorX = min(cursorX + max(number(0, default: 1), 1), screen.width - 1)
        case "J" where parameters == "2":
            screen = Canvas(width: screen.width, height: screen.height)
        case "m":
            for code in numbers.map({ $0 ?? 0 }) {
                switch code {
                case 0: style = .plain
                case 1: style.bold = true
                case 2: style.dim = true
                case 7: style.reverse = true
                case 22: style.bold = false; style.dim = false
                case 27: style.reverse = false
                case 30...37: style.foreground = Color(rawValue: code - 30)
                case 39: style.foreground = nil
                case 40...47: style.background = Color(rawValue: code - 40)
                case 49: style.background = nil
                default: unknown.append("SGR \(code)")
                }
            }
        case "l", "h":
            // Private modes (the cursor's visibility) change nothing on the screen.
            if !parameters.hasPrefix("?") { unknown.append("\(parameters)\(final)") }
        default:
            unknown.append("\(parameters)\(final)")
        }
    }
}
