import CafeModel
import TerminalUI

/// The code panel's part of a café pane, in the queue chart's place while shown (key `c`): the view's lines, and
/// beside each line the customers at it now.
///
///     code   # gunicorn's sync worker, played by barista's café
///            def brew(request):
///                time.sleep(0.1)       ■■■■ 4 workers blocked here
///                return cup()
///            door: 23 not yet accepted · 0 free
///
/// A narrow pane writes each count in the gutter on the left (`   4■`) instead of beside the line, and leaves out
/// the comment, then `return cup()`, then the other lines nobody stands at, then the footer, when it has fewer rows
/// than lines.
struct CodePart: Widget {
    var context: PaneContext
    var listing: CodeListing

    /// The rows the listing wants: a comment, its lines (split ones on two when the pane is narrow), the footer.
    static func wantedRows(_ listing: CodeListing, width: Int) -> Int {
        rows(listing, width: width).count
    }

    /// One row of the part: the comment, a line of code (or half of a split one), or the footer.
    enum Row: Equatable {
        case comment
        case code(line: Int, text: String, first: Bool)
        case footer
    }

    static let gutter = PaneContext.labelWidth

    /// Every row the listing can use at this width, in order.
    static func rows(_ listing: CodeListing, width: Int) -> [Row] {
        var rows: [Row] = [.comment]
        for (index, line) in listing.lines.enumerated() {
            if let split = line.split, gutter + TextWidth.columns(of: line.code) > width {
                rows += split.enumerated().map { .code(line: index, text: $0.element, first: $0.offset == 0) }
            } else {
                rows.append(.code(line: index, text: line.code, first: true))
            }
        }
        return rows + [.footer]
    }

    /// The rows drawn in `height`: the comment goes first, then lines without anyone at them, then the footer.
    static func chosen(_ listing: CodeListing, width: Int, height: Int) -> [Row] {
        var rows = rows(listing, width: width)
        func dropping(_ unwanted: (Row) -> Bool) {
            guard rows.count > height else { return }
            rows.removeAll(where: unwanted)
        }
        dropping { $0 == .comment }
        dropping { row in
            guard case .code(let index, _, _) = row else { return false }
            return listing.lines[index].at == nil && index == listing.lines.count - 1
        }
        // The footer holds counts (the door, the back room), the def line only words: the def goes first.
        dropping { row in
            guard case .code(let index, _, _) = row else { return false }
            return listing.lines[index].at == nil
        }
        dropping { $0 == .footer }
        return Array(rows.prefix(height))
    }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        var rows = Self.chosen(listing, width: area.width, height: area.height)
        // A real view's lines are longer than a narrow pane: half the indentation first, then the end of the line
        // gives way to "…" (the counts are in the gutter, never cut).
        let room = area.width - Self.gutter
        if rows.contains(where: { row in
            if case .code(_, let text, _) = row { return TextWidth.columns(of: text) > room }
            return false
        }) {
            rows = rows.map { row in
                guard case .code(let index, let text, let first) = row else { return row }
                return .code(line: index, text: Self.halvedIndent(text), first: first)
            }
        }
        let codeWidth = min(
            rows.reduce(0) { widest, row in
                guard case .code(_, let text, _) = row else { return widest }
                return max(widest, TextWidth.columns(of: text))
            }, room)
        let noteX = area.x + Self.gutter + codeWidth + 2
        var labelled = false
        for (offset, row) in rows.enumerated() {
            let y = area.y + offset
            switch row {
            case .comment:
                canvas.write(
                    "# " + listing.source, x: area.x + Self.gutter, y: y, style: context.palette.muted,
                    maxWidth: area.width - Self.gutter)
            case .footer:
                let room = area.width - Self.gutter
                let words = listing.footer.first { TextWidth.columns(of: $0) <= room } ?? listing.footer.last ?? ""
                let style = listing.footerAlarm ? context.palette.blocked : context.palette.muted
                canvas.write(context.glyphs.plain(words), x: area.x + Self.gutter, y: y, style: style, maxWidth: room)
            case .code(let index, let text, let first):
                let line = listing.lines[index]
                let stalled = line.mark == .stalled && (line.at?.value ?? 0) > 0
                let style = stalled ? context.palette.blocked : context.palette.text
                let shown =
                    TextWidth.columns(of: text) > room
                    ? String(text.prefix(max(room - 1, 0))) + context.glyphs.ellipsis : text
                canvas.write(shown, x: area.x + Self.gutter, y: y, style: style, maxWidth: room)
                guard first, let count = line.at else { continue }
                if let note = note(line, count: count, room: area.right - noteX) {
                    canvas.writeWhole(note, x: noteX, y: y, maxWidth: area.right - noteX)
                } else {
                    drawGutter(count, mark: line.mark, into: &canvas, x: area.x, y: y)
                    if offset == 0 { labelled = true }
                }
            }
        }
        if !labelled { canvas.write("code", x: area.x, y: area.y, style: context.palette.label) }
    }

    /// The line with half its leading spaces: Python's blocks stay readable at two spaces a level.
    static func halvedIndent(_ text: String) -> String {
        let spaces = text.prefix { $0 == " " }.count
        return String(repeating: " ", count: spaces / 2) + text.dropFirst(spaces)
    }

    /// `■■■■ 4 workers blocked here`, the longest form that fits `room`; nil when only the gutter has room.
    func note(_ line: CodeListing.CodeLine, count: CodeListing.Count, room: Int) -> Line? {
        let (glyph, style) = look(line.mark)
        let n = count.value ?? 0
        let lane = String(repeating: glyph, count: min(n, 8)) + (n > 8 ? "+" : "")
        var forms: [Line] = []
        for words in line.words {
            let tail = Span("\(count.text) \(words)", style)
            if !lane.isEmpty { forms.append([Span(lane + " ", style), tail]) }
            forms.append([tail])
        }
        return forms.first { $0.columns <= room }
    }

    /// `   4■` in the label column: the count, right-aligned, and the glyph of what they do.
    private func drawGutter(
        _ count: CodeListing.Count, mark: CodeListing.Mark, into canvas: inout Canvas, x: Int, y: Int
    ) {
        let (glyph, style) = look(mark)
        let text = count.text
        let end = x + Self.gutter - 2
        canvas.write(text, x: end - TextWidth.columns(of: text), y: y, style: style.bolded)
        canvas.write(glyph, x: end, y: y, style: style)
    }

    /// The pane's own glyph and colour for what the customers at a line are doing.
    private func look(_ mark: CodeListing.Mark) -> (String, Style) {
        let glyphs = context.glyphs, palette = context.palette
        switch mark {
        case .none: return (" ", palette.text)
        case .blocked, .stalled: return (glyphs.filled, palette.blocked)
        case .busy: return (glyphs.filled, palette.busy)
        case .reading: return (glyphs.reading, palette.reading)
        case .awaiting: return (glyphs.buzzer, palette.awaiting)
        case .helper: return (glyphs.filled, palette.helper)
        }
    }
}
