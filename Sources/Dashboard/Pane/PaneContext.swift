import CafeModel
import TerminalUI

/// What every part of a café pane draws from: the café's state, the scene, how to draw, and the scales the two
/// panes share so that a taller bar means more on either side.
struct PaneContext {
    var state: ShowState
    var scenario: Scenario
    var glyphs: Glyphs
    var palette: Palette
    var sharedQueueMaximum: Double
    var sharedServedMaximum: Double
    /// How late the customers are: why a barista may stand reading an order that is not a slow customer's.
    var customers = CustomersClock()

    static let labelWidth = 7
    /// The column of numbers beside a chart taller than one row.
    static let statsWidth = 18
    /// A chart is never wider than the minute of samples it draws.
    static let chartMaximumWidth = 60

    /// Writes a part's label and returns the area to its right.
    func label(_ text: String, into canvas: inout Canvas, area: Rect) -> Rect {
        canvas.write(text, x: area.x, y: area.y, style: palette.label, maxWidth: Self.labelWidth)
        return area.splitLeft(Self.labelWidth).rest
    }

    /// A part's numbers column and its chart, for a part taller than one row.
    func columns(of area: Rect) -> (stats: Rect, chart: Rect) {
        let split = area.splitLeft(Self.statsWidth)
        return (split.left, split.rest.splitLeft(Self.chartMaximumWidth).left)
    }

    /// A lane of glyphs over the area's rows, wrapping like text, and its words right after it (the first of
    /// `words` that fits beside at least one glyph, else the last, alone).
    func drawLane(
        count: Int, glyph: String, style: Style, words: [Line], into canvas: inout Canvas, area: Rect
    ) {
        guard !area.isEmpty, let shortest = words.last else { return }
        // Room for the words and a `+12345` beside them on the last row.
        let chosen = words.first { $0.columns + 8 <= area.width } ?? shortest
        let wordsWidth = min(chosen.columns, area.width)
        // On one row too narrow for a lane beside the words (a `+2049` needs six columns), the words alone: the
        // numbers must not be cut for glyphs.
        if area.height == 1 && wordsWidth + 7 > area.width {
            canvas.write(chosen, x: area.x, y: area.y, maxWidth: area.width)
            return
        }
        let glyphColumns = TextWidth.columns(of: glyph)
        Lane(count: count, glyph: glyph, style: style, overflowStyle: style.bolded, reserve: wordsWidth + 1)
            .render(into: &canvas, area: area)
        let end = Lane.end(
            count: count, glyphColumns: glyphColumns, width: area.width, rows: area.height, reserve: wordsWidth + 1)
        var row = end.row, column = end.column + (end.column > 0 ? 1 : 0)
        if column + wordsWidth > area.width && row + 1 < area.height {
            row += 1
            column = 0
        }
        canvas.write(chosen, x: area.x + column, y: area.y + row, maxWidth: area.width - column)
    }

    /// A history as a sparkline over the area's rows, newest at the right, on a dim floor: a second with nothing in
    /// it reads as floor, not as a hole. On one row the floor marks only the seconds sampled so far; a taller chart
    /// has it all along, as its axis, and when it has nothing to draw it says so (`empty`) in the rows left free by
    /// the numbers beside it (`numberRows`), so an empty minute does not read as a broken screen.
    func drawHistory(
        _ samples: [Double], maximum: Double, style: Style, empty: String? = nil, numberRows: Int = 0,
        into canvas: inout Canvas, area: Rect
    ) {
        guard !area.isEmpty else { return }
        let floor = area.height > 1 ? area.width : min(samples.count, area.width)
        canvas.repeatGlyph(
            glyphs.levels[0], count: floor, x: area.right - floor, y: area.bottom - 1, style: palette.muted)
        Sparkline(samples, maximum: maximum, style: style, glyphs: glyphs).render(into: &canvas, area: area)
        if let empty, area.height >= 3, samples.allSatisfy({ $0 <= 0 }) {
            drawNote(empty, into: &canvas, area: area, below: numberRows)
        }
    }

    /// A muted note in an empty chart whose last row is its floor: centred in the rows between the part's numbers
    /// and the floor.
    func drawNote(_ note: String, into canvas: inout Canvas, area: Rect, below numberRows: Int) {
        let columns = TextWidth.columns(of: note)
        guard columns <= area.width else { return }
        let top = min(numberRows, area.height - 2)
        let row = top + max(area.height - 1 - top - 1, 0) / 2
        canvas.write(note, x: area.x + (area.width - columns) / 2, y: area.y + row, style: palette.muted)
    }

    /// "no cup in the last 12 s" — what is true of a quiet café that has served before; nil when cups are coming.
    var quietNote: String? {
        // Customers' figures that stopped coming cannot tell "no cups" from "no news".
        if customers.figuresAreLate { return "figures \(Int(customers.figuresAgeSeconds.rounded(.down))) s late" }
        guard state.served > 0 else { return "no cups yet" }
        guard let quiet = state.secondsSinceLastCup, quiet >= 2 else { return nil }
        return quiet >= 60 ? "no cup for a minute or more" : "no cup in the last \(Int(quiet)) s"
    }
}
