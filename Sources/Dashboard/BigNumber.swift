import TerminalUI

/// A number in digits three rows tall, readable from the back of a classroom: `40.0`, `1,204`, `612`.
struct BigNumber: Widget {
    var text: String
    var style: Style
    var glyphs: Glyphs

    static let rows = 3

    /// Each character as three rows of equal width, drawn with full and half blocks.
    static let font: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"],
        "3": ["▀▀█", " ▀█", "▀▀▀"], "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"],
        "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"], "8": ["█▀█", "█▀█", "▀▀▀"],
        "9": ["█▀█", "▀▀█", "▀▀▀"], ".": [" ", " ", "▀"], ",": [" ", " ", "▀"], "-": ["   ", "▀▀▀", "   "],
        "k": ["█  ", "█▄▀", "▀ ▀"], "M": ["█▄█▄█", "█ ▀ █", "▀   ▀"], " ": [" ", " ", " "],
    ]

    /// Columns the number takes, one blank between characters.
    var columns: Int {
        text.reduce(0) { $0 + (Self.font[$1]?[0].count ?? 1) + 1 } - (text.isEmpty ? 0 : 1)
    }

    func render(into canvas: inout Canvas, area: Rect) {
        var x = area.x
        for character in text {
            let shape = Self.font[character] ?? [" ", " ", " "]
            let width = shape[0].count
            guard x + width <= area.right else { return }
            for (row, line) in shape.enumerated() where row < area.height {
                canvas.write(glyphs.isUnicode ? line : Self.ascii(line), x: x, y: area.y + row, style: style)
            }
            x += width + 1
        }
    }

    /// Blocks as `#` for a terminal without Unicode.
    static func ascii(_ line: String) -> String {
        String(line.map { $0 == " " ? " " : "#" })
    }
}
