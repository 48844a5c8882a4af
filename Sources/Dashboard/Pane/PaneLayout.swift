/// How many rows each part of a café pane gets at this terminal size. Both panes draw with the same layout, so the
/// door, the bar, the cups, the wait and the queue sit at the same height side by side.
///
/// The layout depends on the room and the number of sync baristas only, never on live numbers: a pane does not
/// jump as the queue grows. Extra rows go, in order, to the bar (every barista on a row of its own), a second row
/// for the cups, the door and each other chart, a blank row between the parts, and then taller charts with the door a row behind.
struct PaneLayout: Equatable, Sendable {
    var door = 1
    var bar = 3
    var cups = 1
    var wait = 1
    var queue = 1
    /// The code panel's rows (key `c`), in the queue chart's place while shown; 0 when hidden.
    var code = 0
    /// Blank rows between the parts (0 or 1).
    var gap = 0

    /// The fewest rows inside a pane: every part on one line.
    static let minimumRows = 7
    static let doorMaximum = 3
    static let chartMaximum = 9

    /// Rows inside the box.
    var rows: Int { door + bar + cups + wait + queue + code + 4 * gap }

    /// True when the sync bar draws one barista per row, with its customer and progress.
    func baristaPerRow(_ baristas: Int) -> Bool { baristas > 0 && bar >= baristas + 1 }

    /// The tallest layout that fits `rows`; rows it cannot use are left over (they go to the lesson panel).
    /// `frontRows`: rows the door wants first when nginx stands in front of the sync café (nginx, its static files,
    /// the café's door), so none of their numbers is squeezed out.
    ///
    /// `codeRows`: the code panel is shown and wants this many rows. It takes the queue chart's place, with at least
    /// `codeMinimum` rows and first claim on the spare ones; the bar gives up its third row for it (its cells and
    /// summary stay), the cups keep two, so at 80×24 the panes may take a row or two more from the panel below.
    static func fitting(rows available: Int, baristas: Int, frontRows: Int = 0, codeRows: Int? = nil) -> PaneLayout {
        // The parts' heights by index (door, bar, cups, wait, queue or code): plain integers keep this cheap.
        let door = 0, bar = 1
        let charts = codeRows == nil ? [3, 2, 4] : [3, 2]  // wait, cups, queue
        // With the code: the cups keep their second row (six counts cannot share one row at 80 columns).
        var heights = codeRows == nil ? [1, 3, 1, 1, 1] : [1, 2, 2, 1, codeMinimum]
        var gap = 0
        var spare = available - heights.reduce(0, +)
        func grow(_ part: Int, to target: Int) {
            let add = min(max(target - heights[part], 0), max(spare, 0))
            heights[part] += add
            spare -= add
        }
        if let codeRows { grow(4, to: codeRows) }

        grow(door, to: min(frontRows, doorMaximum))
        // Every barista on a row of their own, with a summary line, when they all fit.
        let perRow = baristas + 1
        if perRow > heights[bar], perRow - heights[bar] <= spare { grow(bar, to: perRow) }
        // Then a second row for the cups before the door: up to six counts (cups, rate, walk-outs, for nobody,
        // failures, not sent) cannot all fit one row at 80 columns once they are six digits long, while the door
        // fits its numbers on one.
        let cups = 2
        grow(cups, to: 2)
        grow(door, to: 2)
        for part in charts { grow(part, to: 2) }
        if spare >= 4 {
            gap = 1
            spare -= 4
        }
        for part in charts { grow(part, to: 3) }
        // Then one row at a time round the charts, the door a row behind them, until each is as tall as is useful.
        while spare > 0 {
            let before = spare
            for part in charts { grow(part, to: min(heights[part] + 1, chartMaximum)) }
            grow(door, to: min(heights[3] - 1, doorMaximum))
            if spare == before { break }
        }
        if codeRows != nil {
            return PaneLayout(
                door: heights[0], bar: heights[1], cups: heights[2], wait: heights[3], queue: 0, code: heights[4],
                gap: gap)
        }
        return PaneLayout(
            door: heights[0], bar: heights[1], cups: heights[2], wait: heights[3], queue: heights[4], gap: gap)
    }

    /// The fewest rows the code panel gets: the line where the customers are, and one more.
    static let codeMinimum = 3
}
