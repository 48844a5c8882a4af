import CafeModel
import TerminalUI

/// One café drawn in its box: the door, the bar, the cups, the wait and the queue over the last minute.
///
/// Both panes use the same rows in the same places, so the eye compares sync with async line by line; their
/// sparklines share a scale (`sharedDoorMaximum`, `sharedServedMaximum`) so a taller bar means more.
struct CafePane: Widget {
    var state: ShowState
    var scenario: Scenario
    var glyphs: Glyphs
    var palette: Palette
    var sharedDoorMaximum: Double
    var sharedServedMaximum: Double

    /// Rows inside the box.
    static let contentRows = 7
    /// Rows of the box.
    static let height = contentRows + 2
    static let labelWidth = 7

    func render(into canvas: inout Canvas, area: Rect) {
        Box(title: title(width: area.width), borderStyle: palette.border, glyphs: glyphs).render(into: &canvas, area: area)
        let inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        guard inner.width > Self.labelWidth + 4 else { return }
        if let reason = state.serverDown {
            drawDown(reason, into: &canvas, area: inner)
            return
        }
        drawDoor(into: &canvas, row: inner.row(0))
        if state.cafe == .sync {
            drawBaristas(into: &canvas, row: inner.row(1), summary: inner.row(2))
        } else {
            drawLoop(into: &canvas, row: inner.row(1))
            drawBuzzers(into: &canvas, row: inner.row(2))
            if scenario.asyncHandler == .offload || state.helpers != nil { drawHelpers(into: &canvas, row: inner.row(3)) }
        }
        drawCups(into: &canvas, row: inner.row(4))
        drawWait(into: &canvas, row: inner.row(5))
        drawQueueHistory(into: &canvas, row: inner.row(6))
    }

    // MARK: the title

    /// The long title when the box is wide enough, else the short one.
    func title(width: Int) -> Line {
        let long = title
        return long.columns + 6 <= width ? long : shortTitle
    }

    var shortTitle: Line {
        switch state.cafe {
        case .sync:
            return [Span("SYNC café", palette.title), Span(" \(dash) \(NumberText.plural(scenario.syncWorkers, "barista"))", palette.text)]
        case .async:
            let rest: String
            switch scenario.asyncHandler {
            case .await: rest = "\(NumberText.plural(scenario.loops, "barista")) + buzzers"
            case .block: rest = "\(NumberText.plural(scenario.loops, "barista")), blocking"
            case .offload: rest = "\(NumberText.plural(scenario.loops, "barista")) + \(scenario.offloadThreads) helpers"
            }
            return [Span("ASYNC café", palette.title), Span(" \(dash) \(rest)", palette.text)]
        }
    }

    var title: Line {
        switch state.cafe {
        case .sync:
            let n = scenario.syncWorkers
            return [Span("SYNC café", palette.title), Span(" \(dash) \(NumberText.plural(n, "barista")), each waits by the machine", palette.text)]
        case .async:
            let loops = scenario.loops
            let baristas = NumberText.plural(loops, "barista")
            let rest: String
            switch scenario.asyncHandler {
            case .await: rest = "\(baristas) + buzzers"
            case .block: rest = "\(baristas) who \(loops == 1 ? "stares" : "stare") at the machine"
            case .offload: rest = "\(baristas) + \(NumberText.plural(scenario.offloadThreads, "back-room helper"))"
            }
            return [Span("ASYNC café", palette.title), Span(" \(dash) \(rest)", palette.text)]
        }
    }

    private var dash: String { glyphs.isUnicode ? "—" : "-" }

    // MARK: rows

    private func label(_ text: String, into canvas: inout Canvas, row: Rect) -> Rect {
        canvas.write(text, x: row.x, y: row.y, style: palette.label, maxWidth: Self.labelWidth)
        return row.splitLeft(Self.labelWidth).rest
    }

    private func drawDoor(into canvas: inout Canvas, row: Rect) {
        let area = label("door", into: &canvas, row: row)
        let queued = state.doorQueue
        let count = queued == 0 ? "nobody waiting" : "\(NumberText.count(queued)) queued"
        let countStyle = queued == 0 ? palette.muted : palette.customer.bolded
        let countWidth = TextWidth.columns(of: count)
        let lane = area.splitLeft(max(area.width - countWidth - 1, 0)).left
        Lane(count: queued, glyph: glyphs.customer, style: palette.customer, overflowStyle: palette.customer.bolded)
            .render(into: &canvas, area: lane)
        let used = Lane.columnsUsed(count: queued, glyphColumns: TextWidth.columns(of: glyphs.customer), width: lane.width)
        canvas.write(count, x: area.x + used + (used > 0 ? 1 : 0), y: area.y, style: countStyle)
    }

    private func drawBaristas(into canvas: inout Canvas, row: Rect, summary: Rect) {
        var area = label("bar", into: &canvas, row: row)
        let baristas = state.baristas
        let n = baristas.count
        // Each barista is a cell "[■■■□□]"; too many for the width and it becomes one glyph each.
        let gaugeWidth = n == 0 ? 0 : min(5, (area.width + 1) / n - 3)
        if n > 0 && gaugeWidth >= 2 {
            for barista in baristas {
                let style = style(of: barista)
                canvas.write("[", x: area.x, y: area.y, style: palette.muted)
                let gauge = Rect(x: area.x + 1, y: area.y, width: gaugeWidth, height: 1)
                if barista.state == .idle {
                    canvas.write(String(repeating: glyphs.empty, count: gaugeWidth), x: gauge.x, y: gauge.y, style: palette.muted)
                } else {
                    Gauge(ratio: barista.progress ?? 1, filledStyle: style, emptyStyle: style.dimmed, glyphs: glyphs)
                        .render(into: &canvas, area: gauge)
                }
                canvas.write("]", x: gauge.right, y: area.y, style: palette.muted)
                area = area.splitLeft(gaugeWidth + 3).rest
            }
        } else {
            for (index, barista) in baristas.enumerated() where index < area.width {
                let glyph = barista.state == .idle ? glyphs.empty : glyphs.filled
                canvas.write(glyph, x: area.x + index, y: area.y, style: style(of: barista))
            }
        }
        let words = label("", into: &canvas, row: summary)
        let blocked = baristas.filter { $0.state == .blocked }.count
        let running = baristas.filter { $0.state == .running }.count
        let idle = n - blocked - running
        var line: Line = []
        if blocked > 0 { line.append(Span("\(blocked) blocked at the machine", palette.blocked)) }
        if running > 0 {
            line.append(Span("\(line.isEmpty ? "" : ", ")\(running) brewing (cpu)", palette.busy))
        }
        if idle > 0 || n == 0 {
            line.append(Span("\(line.isEmpty ? "" : ", ")\(n == 0 ? "no baristas yet" : "\(idle) idle")", palette.muted))
        }
        if let longest = baristas.filter({ $0.state != .idle }).map(\.forMs).max(), longest > 0 {
            line.append(Span(" \(glyphs.separator) longest \(NumberText.milliseconds(longest))", palette.muted))
        }
        canvas.writeWhole(line, x: words.x, y: words.y, maxWidth: words.width)
    }

    private func style(of barista: ShowState.Barista) -> Style {
        switch barista.state {
        case .idle: return palette.muted
        case .blocked: return palette.blocked
        case .running: return palette.busy
        }
    }

    private func drawLoop(into canvas: inout Canvas, row: Rect) {
        let area = label("bar", into: &canvas, row: row)
        let loops = state.loops
        let blocked = loops.filter(\.isBlocked).count
        let lag = loops.map { max($0.lagMs, $0.maxLagMs) }.max() ?? 0
        var line: Line
        if loops.isEmpty {
            line = [Span("[opening]", palette.muted)]
        } else if blocked > 0 {
            let which = loops.count > 1 ? " \(blocked)/\(loops.count)" : ""
            line = [
                Span("[BLOCKED\(which)]", palette.blockedBanner),
                Span(" lag \(Self.lag(lag))", palette.blocked),
                Span(" nobody takes orders", palette.muted),
            ]
            canvas.writeWhole(line, x: area.x, y: area.y, maxWidth: area.width)
            return
        } else {
            let many = loops.count > 1 ? " \(glyphs.times)\(loops.count)" : ""
            line = [
                Span("[taking orders\(many)]", palette.calm),
                Span(" lag \(Self.lag(lag))", palette.muted),
            ]
        }
        canvas.write(line, x: area.x, y: area.y, maxWidth: area.width)
    }

    /// Loop lag as a student reads it: under a millisecond is "<1ms", not microseconds.
    static func lag(_ milliseconds: Double) -> String {
        if milliseconds <= 0 { return "0ms" }
        return milliseconds < 1 ? "<1ms" : NumberText.milliseconds(milliseconds)
    }

    private func drawBuzzers(into canvas: inout Canvas, row: Rect) {
        let area = label("", into: &canvas, row: row)
        let awaiting = state.awaiting
        let prefix = "buzzers "
        canvas.write(prefix, x: area.x, y: area.y, style: palette.muted)
        let rest = area.splitLeft(prefix.count).rest
        let count = "\(NumberText.count(awaiting)) awaiting"
        let countWidth = count.count
        let lane = rest.splitLeft(max(rest.width - countWidth - 1, 0)).left
        Lane(count: awaiting, glyph: glyphs.buzzer, style: palette.awaiting, overflowStyle: palette.awaiting.bolded)
            .render(into: &canvas, area: lane)
        let used = Lane.columnsUsed(count: awaiting, glyphColumns: TextWidth.columns(of: glyphs.buzzer), width: lane.width)
        canvas.write(
            count, x: rest.x + used + (used > 0 ? 1 : 0), y: rest.y,
            style: awaiting == 0 ? palette.muted : palette.awaiting)
    }

    private func drawHelpers(into canvas: inout Canvas, row: Rect) {
        let area = label("back", into: &canvas, row: row)
        let helpers = state.helpers ?? ShowState.Helpers(threads: scenario.offloadThreads, busy: 0, waiting: 0)
        var x = area.x
        let shown = min(helpers.threads, max(area.width - 28, 4))
        for index in 0..<shown {
            let busy = index < helpers.busy
            canvas.write(busy ? glyphs.filled : glyphs.empty, x: x, y: area.y, style: busy ? palette.helper : palette.muted)
            x += 1
        }
        var line: Line = [Span(" \(helpers.busy)/\(helpers.threads) helpers busy", palette.helper)]
        if helpers.waiting > 0 {
            line.append(Span(", \(NumberText.count(helpers.waiting)) waiting for one", palette.customer))
        }
        canvas.writeWhole(line, x: x, y: area.y, maxWidth: area.right - x)
    }

    private func drawCups(into canvas: inout Canvas, row: Rect) {
        let area = label("cups", into: &canvas, row: row)
        let head: Line = [
            Span("\(glyphs.cup) \(NumberText.count(state.served))", palette.served.bolded),
            Span(" \(NumberText.rate(state.servedPerSecond))/s ", palette.served),
        ]
        // The sparkline keeps at least 8 columns; the walk-outs and errors shorten their words to make room.
        let walked = state.walkedOut > 0 ? palette.walkedOut : palette.muted
        let out = "\(glyphs.walkedOut) \(NumberText.count(state.walkedOut))"
        let errors = "\(glyphs.warning) \(NumberText.count(state.errors))"
        let tails: [Line] = [
            [Span(" \(out) walked out", walked)] + (state.errors > 0 ? [Span(" \(errors) errors", palette.warning)] : []),
            [Span(" \(out) out", walked)] + (state.errors > 0 ? [Span(" \(errors) err", palette.warning)] : []),
            [Span(" \(out)", walked)] + (state.errors > 0 ? [Span(" \(errors)", palette.warning)] : []),
        ]
        let used = canvas.write(head, x: area.x, y: area.y, maxWidth: area.width)
        let tail = tails.first { area.width - used - $0.columns >= 8 } ?? tails[tails.count - 1]
        let sparkWidth = max(area.width - used - tail.columns, 0)
        let spark = Rect(x: area.x + used, y: area.y, width: min(sparkWidth, 30), height: 1)
        Sparkline(state.servedHistory.samples, maximum: sharedServedMaximum, style: palette.served, glyphs: glyphs)
            .render(into: &canvas, area: spark)
        canvas.write(tail, x: spark.right, y: area.y, maxWidth: area.right - spark.right)
    }

    private func drawWait(into canvas: inout Canvas, row: Rect) {
        let area = label("wait", into: &canvas, row: row)
        let text: Line = [
            Span("p50 ", palette.muted), Span(NumberText.milliseconds(state.waitP50Ms).padding(5), palette.text),
            Span(" p99 ", palette.muted), Span(NumberText.milliseconds(state.waitP99Ms).padding(5), palette.text),
            Span(" ", palette.muted),
        ]
        let used = canvas.write(text, x: area.x, y: area.y, maxWidth: area.width)
        let buckets = state.waitHistogram.map(Double.init)
        guard !buckets.isEmpty, used < area.width else { return }
        let histogram = Rect(x: area.x + used, y: area.y, width: min(area.width - used, buckets.count), height: 1)
        // A floor under every bucket shows the histogram's extent; empty buckets stay just floor.
        canvas.write(String(repeating: glyphs.levels[0], count: histogram.width), x: histogram.x, y: histogram.y,
                     style: palette.muted)
        let slow = (state.waitP99Ms ?? 0) > 2 * Double(max(scenario.brewMilliseconds, 1))
        Bars(buckets, glyphs: glyphs).with(style: slow ? palette.customer : palette.served)
            .render(into: &canvas, area: histogram)
        let scale = " \(NumberText.milliseconds(ShowState.waitBucketBoundsMs.first))\(glyphs.ellipsis)\(NumberText.milliseconds(ShowState.waitBucketBoundsMs.last))+"
        canvas.writeWhole([Span(scale, palette.muted)], x: histogram.right, y: area.y, maxWidth: area.right - histogram.right)
    }

    private func drawQueueHistory(into canvas: inout Canvas, row: Rect) {
        let area = label("queue", into: &canvas, row: row)
        let note = " last minute, max \(NumberText.count(Int(state.doorHistory.maximum)))"
        let spark = Rect(x: area.x, y: area.y, width: max(min(60, area.width - note.count), 0), height: 1)
        let values = state.doorHistory.samples
        if values.allSatisfy({ $0 == 0 }) {
            canvas.write(String(repeating: glyphs.levels[0], count: min(values.count, spark.width)),
                         x: spark.right - min(values.count, spark.width), y: area.y, style: palette.muted)
        } else {
            Sparkline(values, maximum: sharedDoorMaximum, style: palette.customer, glyphs: glyphs)
                .render(into: &canvas, area: spark)
        }
        canvas.write(note, x: spark.right, y: area.y, style: palette.muted, maxWidth: area.right - spark.right)
    }

    private func drawDown(_ reason: String, into canvas: inout Canvas, area: Rect) {
        canvas.write("\(glyphs.walkedOut) this café has stopped", x: area.x, y: area.y, style: palette.blockedBanner)
        Paragraph([[Span(reason, palette.blocked)]]).render(into: &canvas, area: area.splitTop(1).rest)
    }
}

extension Bars {
    fileprivate func with(style: Style) -> Bars {
        var copy = self
        copy.style = style
        return copy
    }
}

extension String {
    /// Left-aligned in at least `width` columns.
    fileprivate func padding(_ width: Int) -> String {
        let columns = TextWidth.columns(of: self)
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
}
