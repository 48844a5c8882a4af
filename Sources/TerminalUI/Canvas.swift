/// A grid of styled cells that widgets draw into: one frame of the screen, built as a pure value.
///
/// A `TerminalBackend` shows it (the ncurses one writes only the cells that changed); tests read it as text with
/// `lines` and check styles with `style(atX:y:)`, the way ratatui tests compare `Buffer`s.
public struct Canvas: Equatable, Sendable {
    /// One terminal cell: a character and its style. A wide character's second column holds `Cell.continuation`.
    ///
    /// Stored as plain bits (no reference to count), so a frame of 12,000 cells is built, copied, compared and
    /// dropped at the speed of memory: a character of one Unicode scalar is that scalar; a longer one (an emoji
    /// with a modifier, a letter with a combining accent) is an index into `Graphemes`.
    public struct Cell: Equatable, Hashable, Sendable {
        /// The scalar's value, or `Graphemes.flag | index` for a character of several scalars.
        var code: UInt32
        public var style: Style

        public init(_ character: Character, _ style: Style = .plain) {
            self.code = Graphemes.code(of: character)
            self.style = style
        }

        /// A cell holding one scalar that is a whole character by itself (`TextWidth.standsAlone`).
        init(scalar: Unicode.Scalar, style: Style) {
            self.code = scalar.value
            self.style = style
        }

        public var character: Character {
            get { Graphemes.character(of: code) }
            set { code = Graphemes.code(of: newValue) }
        }

        /// Appends the character's UTF-8 bytes, without making a `Character` when it is one scalar.
        func appendUTF8(to bytes: inout [UInt8]) {
            if code & Graphemes.flag == 0, let scalar = Unicode.Scalar(code) {
                UTF8.encode(scalar) { bytes.append($0) }
            } else {
                bytes.append(contentsOf: String(character).utf8)
            }
        }

        /// The cell of a glyph that is one narrow character standing alone (`─`, `●`, `▁`), or nil.
        public init?(narrowGlyph glyph: String, style: Style = .plain) {
            var scalars = glyph.unicodeScalars.makeIterator()
            guard let scalar = scalars.next(), scalars.next() == nil, TextWidth.standsAlone(scalar),
                !TextWidth.isWide(scalar.value)
            else { return nil }
            self.init(scalar: scalar, style: style)
        }

        public static let blank = Cell(" ")
        /// The cell under the right half of a wide character: drawn by the character to its left.
        public static let continuation = Cell("\u{0}")
        public var isContinuation: Bool { code == 0 }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole canvas as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    public func style(atX x: Int, y: Int) -> Style { self[x, y].style }

    /// Writes text from (x, y), at most `maxWidth` columns and never past the canvas; returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(x + (maxWidth ?? width), width)
        if text.unicodeScalars.allSatisfy(TextWidth.standsAlone) {
            return writeScalars(text, x: x, y: y, style: style, limit: limit)
        }
        var column = x
        var first: Int?
        for character in text {
            let w = TextWidth.columns(of: character)
            if column + w > limit { break }
            if column >= 0 {
                // Only the edges of what is written can cut a wide character: mend the left one before writing.
                if first == nil {
                    first = column
                    mendWideCharacters(cut: column..<column, y: y)
                }
                cells[y * width + column] = Cell(character, style)
                if w == 2 { cells[y * width + column + 1] = Cell.continuation }
            }
            column += w
        }
        if let first { mendWideCharacters(cut: first..<column, y: y) }
        return column - x
    }

    /// `write` for text whose every scalar is a character by itself (`TextWidth.standsAlone`): the same cells,
    /// without splitting the text into `Character`s.
    private mutating func writeScalars(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int {
        var column = x
        var first: Int?
        for scalar in text.unicodeScalars {
            let w = TextWidth.isWide(scalar.value) ? 2 : 1
            if column + w > limit { break }
            if column >= 0 {
                if first == nil {
                    first = column
                    mendWideCharacters(cut: column..<column, y: y)
                }
                cells[y * width + column] = Cell(scalar: scalar, style: style)
                if w == 2 { cells[y * width + column + 1] = Cell.continuation }
            }
            column += w
        }
        if let first { mendWideCharacters(cut: first..<column, y: y) }
        return column - x
    }

    /// Before columns `cut` of row `y` are overwritten: a wide character straddling either edge loses its other
    /// half too (it becomes a space), so a row never holds half a wide character. A terminal given the rest of
    /// such a row would draw it one column off.
    private mutating func mendWideCharacters(cut: Range<Int>, y: Int) {
        let row = y * width
        if cut.lowerBound > 0, cut.lowerBound < width, cells[row + cut.lowerBound].isContinuation {
            cells[row + cut.lowerBound - 1].character = " "
        }
        if cut.upperBound < width, cells[row + cut.upperBound].isContinuation {
            cells[row + cut.upperBound].character = " "
        }
    }

    /// Writes styled spans one after another; returns the columns used.
    @discardableResult
    public mutating func write(_ line: Line, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        let budget = maxWidth ?? (width - x)
        for span in line {
            guard used < budget else { break }
            used += write(span.text, x: x + used, y: y, style: span.style, maxWidth: budget - used)
        }
        return used
    }

    /// Fills an area with one character in one style.
    public mutating func fill(_ area: Rect, with character: Character = " ", style: Style = .plain) {
        fill(area, with: Cell(character, style))
    }

    /// Fills an area with copies of one cell (of a narrow character).
    public mutating func fill(_ area: Rect, with cell: Cell) {
        let columns = max(area.x, 0)..<min(area.right, width)
        guard !columns.isEmpty else { return }
        for y in max(area.y, 0)..<min(area.bottom, height) {
            mendWideCharacters(cut: columns, y: y)
            for x in columns { cells[y * width + x] = cell }
        }
    }

    /// Draws `count` copies of a glyph from (x, y) to the right, clipped to the canvas: a fast path for the lines,
    /// floors and lanes of a frame, which would otherwise be split into characters one by one. A glyph that is not
    /// one narrow character is written as text.
    public mutating func repeatGlyph(_ glyph: String, count: Int, x: Int, y: Int, style: Style = .plain) {
        guard count > 0 else { return }
        if let cell = Cell(narrowGlyph: glyph, style: style) {
            fill(Rect(x: x, y: y, width: count, height: 1), with: cell)
        } else {
            write(String(repeating: glyph, count: count), x: x, y: y, style: style)
        }
    }

    /// Writes the spans of a line that fit whole, in order, and stops at the first that does not: for lines whose
    /// last parts are extras (a note, a count) better left out than cut. Returns the columns used.
    @discardableResult
    public mutating func writeWhole(_ line: Line, x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for span in line {
            guard used + span.columns <= maxWidth else { break }
            used += write(span.text, x: x + used, y: y, style: span.style, maxWidth: maxWidth - used)
        }
        return used
    }

    /// Replaces every character by what `transform` makes of it (a fallback for terminals without Unicode).
    public mutating func mapCharacters(_ transform: (Character) -> Character) {
        for index in cells.indices where !cells[index].isContinuation {
            cells[index].character = transform(cells[index].character)
        }
    }

    /// Draws a widget into an area of this canvas.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }

    /// Row `y` as text, every column (wide characters once).
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        text.reserveCapacity(width)
        for x in 0..<width {
            let cell = cells[y * width + x]
            if !cell.isContinuation { text.append(cell.character) }
        }
        return text
    }

    /// The canvas as text, one string per row, full width: the picture tests compare.
    public var lines: [String] { (0..<height).map(line) }

    /// The canvas as text with trailing spaces trimmed, rows joined by newlines: for printing a screen.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }
}
