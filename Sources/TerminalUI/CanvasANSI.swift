/// A canvas as the bytes a terminal (or a terminal recording) needs to show it: ANSI cursor moves, SGR styles and
/// the characters. Pure functions, no ncurses: what `barista demo --record` writes into an asciicast, where the
/// player is an xterm-like terminal that starts blank.
///
/// Rows are placed with absolute cursor moves (`ESC[row;colH`), never with newlines, so writing the bottom row
/// never scrolls the screen. Every text ends with `ESC[0m`, so what follows starts plain.
public enum CanvasANSI {
    static let escape = "\u{1B}["
    /// Resets the style, hides the cursor (a recording has no one typing), homes and clears the screen.
    static let frameStart = "\u{1B}[0m\u{1B}[?25l\u{1B}[H\u{1B}[2J"

    /// The whole canvas, every cell: the first frame of a recording, or after a resize.
    public static func frame(_ canvas: Canvas) -> String {
        var writer = Writer(width: canvas.width)
        writer.output = frameStart
        writer.cursor = (0, 0)
        writer.style = .plain
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                x += writer.put(canvas, x: x, y: y)
            }
        }
        writer.finish()
        return writer.output
    }

    /// Only the cells that differ from `previous`, each run behind a cursor move: what keeps a recording of a calm
    /// screen small. The whole frame when there is no previous canvas or its size differs; "" when nothing changed.
    public static func difference(from previous: Canvas?, to next: Canvas) -> String {
        guard let previous, previous.width == next.width, previous.height == next.height else { return frame(next) }
        var writer = Writer(width: next.width)
        for y in 0..<next.height {
            var x = 0
            while x < next.width {
                if previous[x, y] == next[x, y] {
                    x += 1
                } else {
                    x += writer.put(next, x: x, y: y)
                }
            }
        }
        guard !writer.output.isEmpty else { return "" }
        writer.finish()
        return writer.output
    }

    /// The SGR sequence that sets exactly this style (starting from a reset, so nothing of the last one lingers).
    public static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.reverse { codes.append("7") }
        if let foreground = style.foreground { codes.append(String(30 + foreground.rawValue)) }
        if let background = style.background { codes.append(String(40 + background.rawValue)) }
        return escape + codes.joined(separator: ";") + "m"
    }

    /// The terminal's state as the bytes leave: where the cursor is and which style is set, so moves and SGRs are
    /// written only when they change.
    struct Writer {
        let width: Int
        var output = ""
        /// nil when unknown: at the start of a difference, or after the last column (the terminal's pending wrap).
        var cursor: (x: Int, y: Int)?
        /// nil when unknown: a difference cannot know what the terminal was left with, so its first cell sets it.
        var style: Style?

        init(width: Int) { self.width = width }

        /// Writes the cell at (x, y) and returns how many columns it covered. A wide character's right half is
        /// written by writing the character; a right half without one (a wide character half overwritten) is a
        /// space, so the terminal never keeps a stale half.
        mutating func put(_ canvas: Canvas, x: Int, y: Int) -> Int {
            var cell = canvas[x, y]
            var column = x
            if cell.isContinuation {
                let left = canvas[x - 1, y]
                if x > 0, !left.isContinuation, TextWidth.columns(of: left.character) == 2 {
                    column = x - 1
                    cell = left
                } else {
                    cell = Canvas.Cell(" ", cell.style)
                }
            }
            moveTo(x: column, y: y)
            if style != cell.style {
                output += CanvasANSI.sgr(cell.style)
                style = cell.style
            }
            output.append(cell.character)
            let end = column + TextWidth.columns(of: cell.character)
            cursor = end < width ? (end, y) : nil
            return end - x
        }

        mutating func moveTo(x: Int, y: Int) {
            if let cursor, cursor.y == y, cursor.x == x { return }
            if let cursor, cursor.y == y, cursor.x < x {
                output += CanvasANSI.escape + (x - cursor.x == 1 ? "" : String(x - cursor.x)) + "C"
            } else {
                output += CanvasANSI.escape + "\(y + 1);\(x + 1)H"
            }
            cursor = (x, y)
        }

        mutating func finish() {
            output += CanvasANSI.escape + "0m"
        }
    }
}
