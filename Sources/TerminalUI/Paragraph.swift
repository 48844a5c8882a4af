import Synchronization

/// Styled text in an area, wrapped at word boundaries (or cut), left-aligned or centred. Lines that do not fit
/// the area's height are dropped.
public struct Paragraph: Widget {
    public enum Alignment: Sendable { case left, center }

    public var lines: [Line]
    public var wrap: Bool
    public var alignment: Alignment

    public init(_ lines: [Line], wrap: Bool = true, alignment: Alignment = .left) {
        self.lines = lines
        self.wrap = wrap
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, wrap: Bool = true, alignment: Alignment = .left) {
        self.init(
            text.split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0), style)] },
            wrap: wrap, alignment: alignment
        )
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rows = wrap ? lines.flatMap { Self.wrap($0, width: area.width) } : lines
        for (index, line) in rows.prefix(area.height).enumerated() {
            let offset = alignment == .center ? max((area.width - line.columns) / 2, 0) : 0
            canvas.write(line, x: area.x + offset, y: area.y + index, maxWidth: area.width - offset)
        }
    }

    /// Splits a line into rows of at most `width` columns, breaking at spaces when it can and keeping styles.
    public static func wrap(_ line: Line, width: Int) -> [Line] {
        guard width > 0 else { return [] }
        if line.columns <= width { return [line] }
        // The same words are wrapped to the same width frame after frame (the lesson's narration): remembered.
        let key = WrapKey(line: line, width: width)
        if let rows = wrapped.withLock({ $0[key] }) { return rows }
        let rows = wrapWords(line, width: width)
        wrapped.withLock { cache in
            if cache.count >= wrapCacheSize { cache.removeAll() }
            cache[key] = rows
        }
        return rows
    }

    private struct WrapKey: Hashable {
        var line: Line
        var width: Int
    }

    /// Enough for every paragraph of a screen at two widths; emptied when full.
    private static let wrapCacheSize = 256
    private static let wrapped = Mutex<[WrapKey: [Line]]>([:])

    private static func wrapWords(_ line: Line, width: Int) -> [Line] {
        // A word is a run of non-spaces, possibly made of pieces in different styles.
        struct Word { var pieces: [Span] = []; var spaceBefore = false; var spaceStyle = Style.plain }
        var words: [Word] = []
        var current = Word()
        var pendingSpace = false, spaceStyle = Style.plain
        for span in line {
            for character in span.text {
                if character == " " {
                    if !current.pieces.isEmpty { words.append(current); current = Word() }
                    pendingSpace = true
                    spaceStyle = span.style
                } else {
                    if current.pieces.isEmpty {
                        current.spaceBefore = pendingSpace
                        current.spaceStyle = spaceStyle
                        pendingSpace = false
                    }
                    if let last = current.pieces.indices.last, current.pieces[last].style == span.style {
                        current.pieces[last].text.append(character)
                    } else {
                        current.pieces.append(Span(String(character), span.style))
                    }
                }
            }
        }
        if !current.pieces.isEmpty { words.append(current) }

        var rows: [Line] = [[]]
        var used = 0
        for word in words {
            let columns = word.pieces.columns
            if used > 0 && used + (word.spaceBefore ? 1 : 0) + columns > width {
                rows.append([])
                used = 0
            } else if used > 0 && word.spaceBefore {
                rows[rows.count - 1].append(Span(" ", word.spaceStyle))
                used += 1
            }
            for piece in word.pieces {
                var text = Substring(piece.text)
                while !text.isEmpty {
                    if used == width { rows.append([]); used = 0 }
                    var head = "", headColumns = 0
                    while let next = text.first, used + headColumns + TextWidth.columns(of: next) <= width {
                        head.append(next)
                        headColumns += TextWidth.columns(of: next)
                        text = text.dropFirst()
                    }
                    if head.isEmpty {
                        // A wide character that does not fit what is left of the row: start a new row.
                        if used == 0 { text = text.dropFirst(); continue }
                        rows.append([])
                        used = 0
                        continue
                    }
                    rows[rows.count - 1].append(Span(head, piece.style))
                    used += headColumns
                }
            }
        }
        return rows
    }
}
