import CafeModel
import TerminalUI

/// Everyone this café has queued, over the last minute: the door, plus the back room when it has one — each
/// café's chart counts every line its customers stand in, and says which.
struct QueuePart: Widget {
    var context: PaneContext

    private var state: ShowState { context.state }
    private var palette: Palette { context.palette }

    var samples: [Double] { state.queueSamples }

    /// Which lines the chart adds up.
    var what: String {
        state.helpers != nil || state.backRoomHistory.samples.contains(where: { $0 > 0 }) ? "door+back room" : "door"
    }

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = context.label("queue", into: &canvas, area: area)
        let samples = self.samples
        let maximum = NumberText.count(Int(state.queueMinuteMaximum))
        let empty = state.queued == 0 ? "nobody queued this minute" : nil
        if area.height == 1 {
            let note: Line = [Span(" \(what), minute max \(maximum)", palette.muted)]
            let short: Line = [Span(" max \(maximum)", palette.muted)]
            let words = note.columns + 8 <= rest.width ? note : short
            let spark = Rect(x: rest.x, y: rest.y, width: max(min(60, rest.width - words.columns), 0), height: 1)
            context.drawHistory(
                samples, maximum: context.sharedQueueMaximum, style: palette.customer, into: &canvas, area: spark)
            canvas.write(words, x: spark.right, y: rest.y, maxWidth: rest.right - spark.right)
            return
        }
        let (stats, chart) = context.columns(of: rest)
        let drawn = StatItem.draw(
            [
                StatItem([Span(what, palette.muted)]),
                StatItem(
                    [Span("minute max \(maximum)", palette.muted)], short: [Span("max \(maximum)", palette.muted)]),
            ],
            into: &canvas, area: stats, wider: rest)
        guard !drawn.tookChart else { return }
        context.drawHistory(
            samples, maximum: context.sharedQueueMaximum, style: palette.customer, empty: empty, numberRows: drawn.rows,
            into: &canvas, area: chart)
    }
}

extension ShowState {
    /// Everyone queued, second by second over the last minute: the door plus the back room.
    var queueSamples: [Double] {
        let door = doorHistory.samples, back = backRoomHistory.samples
        guard back.contains(where: { $0 > 0 }) else { return door }
        let count = max(door.count, back.count)
        let padded = (
            Array(repeating: 0.0, count: count - door.count) + door,
            Array(repeating: 0.0, count: count - back.count) + back
        )
        return zip(padded.0, padded.1).map(+)
    }

    /// The tallest of `queueSamples`, for the chart's scale both panes share.
    var queueHistoryMaximum: Double { queueSamples.max() ?? 0 }

    /// The most queued this minute, as the words beside the chart say it: the history takes a sample a second, so
    /// the line now can be longer than any sample yet.
    var queueMinuteMaximum: Double { max(queueHistoryMaximum, Double(queued)) }
}
