import CafeModel
import TerminalUI

/// The lesson panel's place when no lesson plays: what to watch (or the narration), and the legend of glyphs.
extension DashboardView {
    /// The lesson panel's title and words: the lesson's narration, or what to watch in this scenario.
    struct NarrationText {
        var title: String
        var lines: [Line]

        /// The words wrapped to rows of at most `width` columns.
        func wrapped(width: Int) -> [Line] { lines.flatMap { Paragraph.wrap($0, width: width) } }
    }

    /// `failuresFirst`: a screen under 40 rows, whose panes may have too few rows for their cups to name every kind
    /// of failure, names them here first.
    static func narrationText(
        _ frame: ShowFrame, cores: Int, glyphs: Glyphs, palette: Palette, failuresFirst: Bool = false
    ) -> NarrationText {
        let title = frame.narration?.title ?? "what to watch"
        let text = frame.narration?.text ?? WhatToWatch(frame: frame, cores: cores, failuresFirst: failuresFirst).text
        return NarrationText(title: title, lines: Paragraph(glyphs.plain(text), style: palette.text).lines)
    }

    /// The widest a line of the lesson's words gets: longer lines are hard to read.
    static let narrationMeasure = 110

    /// The columns of the lesson's words inside a panel `inner` columns wide: beside the legend when both fit.
    static func narrationTextWidth(inner: Int, legend: Legend) -> Int {
        let side = inner - legend.columnWidth - 4
        return side >= 100 ? min(side, narrationMeasure) : inner
    }

    /// The lesson panel fills its area: the words (`wrapped` to `narrationTextWidth`) at the top left and, when there
    /// is room, what each glyph on the screen means, in a column on the right of a wide panel or under the words.
    static func drawNarration(
        _ narration: NarrationText, wrapped: [Line], legend: Legend, into canvas: inout Canvas, area: Rect,
        glyphs: Glyphs, palette: Palette
    ) {
        guard area.height >= 3 else { return }
        Box(title: [Span(narration.title, palette.title)], borderStyle: palette.border, glyphs: glyphs)
            .render(into: &canvas, area: area)
        let inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        func words(_ rows: [Line], width: Int) {
            for (index, row) in rows.prefix(inner.height).enumerated() {
                canvas.write(row, x: inner.x, y: inner.y + index, maxWidth: width)
            }
        }
        let textWidth = narrationTextWidth(inner: inner.width, legend: legend)
        if textWidth < inner.width && inner.height >= legend.items.count {
            words(wrapped, width: textWidth)
            let x = inner.right - legend.columnWidth
            for (index, item) in legend.items.enumerated() {
                canvas.write(item, x: x, y: inner.y + index, maxWidth: legend.columnWidth)
            }
            return
        }
        // Too few rows for the legend beside the words: the words take the whole width.
        let rows = textWidth == inner.width ? wrapped : narration.wrapped(width: inner.width)
        words(rows, width: inner.width)
        let legendRows = legend.rows(width: inner.width)
        guard inner.height >= rows.count + 1 + legendRows.count else { return }
        for (index, line) in legendRows.enumerated() {
            canvas.write(line, x: inner.x, y: inner.bottom - legendRows.count + index, maxWidth: inner.width)
        }
    }
}
