import CafeModel
import TerminalUI

/// One café drawn in its box: the door, the bar, the cups, the wait and the queue over the last minute.
///
/// Both panes use the same rows in the same places (one `PaneLayout`), so the eye compares sync with async line by
/// line; their sparklines share a scale (`sharedDoorMaximum`, `sharedServedMaximum`) so a taller bar means more.
/// A part with one row is a line of words and a small chart; a part with more rows has its numbers in a column
/// on the left and a taller chart beside them, at the same column in every part.
struct CafePane: Widget {
    var state: ShowState
    var scenario: Scenario
    var glyphs: Glyphs
    var palette: Palette
    var sharedDoorMaximum: Double
    var sharedServedMaximum: Double
    var layout = PaneLayout()

    static let labelWidth = 7
    /// The column of numbers beside a chart taller than one row.
    static let statsWidth = 16
    /// A chart is never wider than the minute of samples it draws.
    static let chartMaximumWidth = 60

    func render(into canvas: inout Canvas, area: Rect) {
        Box(title: title(width: area.width), borderStyle: palette.border, glyphs: glyphs).render(into: &canvas, area: area)
        let inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        guard inner.width > Self.labelWidth + 4 else { return }
        if let reason = state.serverDown {
            drawDown(reason, into: &canvas, area: inner)
            return
        }
        var rest = inner
        func take(_ rows: Int) -> Rect {
            let split = rest.splitTop(rows)
            rest = split.rest.splitTop(layout.gap).rest
            return split.top
        }
        let door = take(layout.door), bar = take(layout.bar)
        let cups = take(layout.cups), wait = take(layout.wait), queue = take(layout.queue)
        drawDoor(into: &canvas, area: door)
        if state.cafe == .sync {
            drawBaristas(into: &canvas, area: bar)
        } else {
            drawAsyncBar(into: &canvas, area: bar)
        }
        drawCups(into: &canvas, area: cups)
        drawWait(into: &canvas, area: wait)
        drawQueueHistory(into: &canvas, area: queue)
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

    // MARK: parts

    /// Writes a part's label and returns the area to its right.
    private func label(_ text: String, into canvas: inout Canvas, area: Rect) -> Rect {
        canvas.write(text, x: area.x, y: area.y, style: palette.label, maxWidth: Self.labelWidth)
        return area.splitLeft(Self.labelWidth).rest
    }

    /// A part's numbers column and its chart, for a part taller than one row.
    private func columns(of area: Rect) -> (stats: Rect, chart: Rect) {
        let split = area.splitLeft(Self.statsWidth)
        return (split.left, split.rest.splitLeft(Self.chartMaximumWidth).left)
    }

    /// A lane of glyphs over the area's rows, wrapping like text, and its count in words right after it.
    private func drawLane(
        count: Int, glyph: String, style: Style, words: String, wordsStyle: Style, into canvas: inout Canvas,
        area: Rect
    ) {
        let wordsWidth = TextWidth.columns(of: words)
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
        canvas.write(words, x: area.x + column, y: area.y + row, style: wordsStyle, maxWidth: area.width - column)
    }

    private func drawDoor(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let lane = label("door", into: &canvas, area: area)
        let queued = state.doorQueue
        drawLane(
            count: queued, glyph: glyphs.customer, style: palette.customer,
            words: queued == 0 ? "nobody waiting" : "\(NumberText.count(queued)) queued",
            wordsStyle: queued == 0 ? palette.muted : palette.customer.bolded, into: &canvas, area: lane)
    }

    // MARK: the sync bar

    private func drawBaristas(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let area = label("bar", into: &canvas, area: area)
        let baristas = state.baristas
        let used: Int
        if layout.baristaPerRow(baristas.count) && area.height > baristas.count {
            for (index, barista) in baristas.enumerated() {
                drawBaristaRow(barista, number: index + 1, of: baristas.count, into: &canvas, row: area.row(index))
            }
            used = baristas.count
        } else {
            used = drawBaristaGrid(into: &canvas, area: area.splitTop(max(area.height - 1, 1)).top)
        }
        drawBarSummary(into: &canvas, row: area.row(min(used, area.height - 1)))
    }

    /// One barista on a row: its number, how far the cup is, what it is doing and for whom.
    /// `2 [■■■■■■□□□□□□□] blocked 80ms · customer #1207`
    private func drawBaristaRow(
        _ barista: ShowState.Barista, number: Int, of count: Int, into canvas: inout Canvas, row: Rect
    ) {
        let digits = String(count).count
        let name = String(repeating: " ", count: digits - String(number).count) + String(number)
        var x = row.x + canvas.write(name + " ", x: row.x, y: row.y, style: palette.muted, maxWidth: row.width)
        let gaugeWidth = min(max(row.width - digits - 36, 5), 20)
        let style = style(of: barista)
        canvas.write("[", x: x, y: row.y, style: palette.muted)
        let gauge = Rect(x: x + 1, y: row.y, width: gaugeWidth, height: 1)
        if barista.state == .idle {
            canvas.repeatGlyph(glyphs.empty, count: gaugeWidth, x: gauge.x, y: gauge.y, style: palette.muted)
        } else {
            Gauge(ratio: barista.progress ?? 1, filledStyle: style, emptyStyle: style.dimmed, glyphs: glyphs)
                .render(into: &canvas, area: gauge)
        }
        canvas.write("]", x: gauge.right, y: row.y, style: palette.muted)
        x = gauge.right + 2
        var words: Line
        switch barista.state {
        case .idle: words = [Span("idle", palette.muted)]
        case .blocked: words = [Span("blocked \(NumberText.milliseconds(barista.forMs))", style)]
        case .running: words = [Span("brewing \(NumberText.milliseconds(barista.forMs)) (cpu)", style)]
        }
        if barista.state != .idle, let customer = barista.customer {
            words.append(Span(" \(glyphs.separator) customer #\(customer)", palette.muted))
        }
        canvas.writeWhole(words, x: x, y: row.y, maxWidth: row.right - x)
    }

    /// Every barista as a small gauge `[■■■□]`, as many to a row as fit; too many for the room and each becomes
    /// one glyph. Returns the rows used.
    private func drawBaristaGrid(into canvas: inout Canvas, area: Rect) -> Int {
        let baristas = state.baristas
        let n = baristas.count
        guard n > 0, !area.isEmpty else { return n == 0 ? 0 : 1 }
        // The fewest rows in which each gauge keeps three cells, then as wide as those rows allow.
        let fitting = max((area.width + 1) / 6, 1)
        let rows = (n + fitting - 1) / fitting
        if rows <= area.height {
            let perRow = (n + rows - 1) / rows
            let gaugeWidth = min(5, (area.width + 1) / perRow - 3)
            for (index, barista) in baristas.enumerated() {
                let x = area.x + (index % perRow) * (gaugeWidth + 3), y = area.y + index / perRow
                let style = style(of: barista)
                canvas.write("[", x: x, y: y, style: palette.muted)
                if barista.state == .idle {
                    canvas.repeatGlyph(glyphs.empty, count: gaugeWidth, x: x + 1, y: y, style: palette.muted)
                } else {
                    Gauge(ratio: barista.progress ?? 1, filledStyle: style, emptyStyle: style.dimmed, glyphs: glyphs)
                        .render(into: &canvas, area: Rect(x: x + 1, y: y, width: gaugeWidth, height: 1))
                }
                canvas.write("]", x: x + 1 + gaugeWidth, y: y, style: palette.muted)
            }
            return rows
        }
        let perRow = max(area.width, 1)
        for (index, barista) in baristas.enumerated() where index < perRow * area.height {
            let glyph = barista.state == .idle ? glyphs.empty : glyphs.filled
            canvas.write(glyph, x: area.x + index % perRow, y: area.y + index / perRow, style: style(of: barista))
        }
        return min((n + perRow - 1) / perRow, area.height)
    }

    private func drawBarSummary(into canvas: inout Canvas, row: Rect) {
        let baristas = state.baristas
        let n = baristas.count
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
        canvas.writeWhole(line, x: row.x, y: row.y, maxWidth: row.width)
    }

    private func style(of barista: ShowState.Barista) -> Style {
        switch barista.state {
        case .idle: return palette.muted
        case .blocked: return palette.blocked
        case .running: return palette.busy
        }
    }

    // MARK: the async bar

    /// The loop on the first row, the buzzers on the rows below it, the back room on the last row.
    private func drawAsyncBar(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let backRoom = scenario.asyncHandler == .offload || state.helpers != nil
        if backRoom && area.height >= 3 { drawHelpers(into: &canvas, row: area.row(area.height - 1)) }
        let rest = label("bar", into: &canvas, area: area)
        drawLoop(into: &canvas, row: rest.row(0))
        let buzzerRows = max(rest.height - 1 - (backRoom ? 1 : 0), 1)
        drawBuzzers(into: &canvas, area: Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: buzzerRows))
    }

    private func drawLoop(into canvas: inout Canvas, row area: Rect) {
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

    private func drawBuzzers(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let awaiting = state.awaiting
        let prefix = "buzzers "
        canvas.write(prefix, x: area.x, y: area.y, style: palette.muted)
        drawLane(
            count: awaiting, glyph: glyphs.buzzer, style: palette.awaiting,
            words: "\(NumberText.count(awaiting)) awaiting",
            wordsStyle: awaiting == 0 ? palette.muted : palette.awaiting, into: &canvas, area: area.splitLeft(prefix.count).rest)
    }

    private func drawHelpers(into canvas: inout Canvas, row: Rect) {
        let area = label("back", into: &canvas, area: row)
        let helpers = state.helpers ?? ShowState.Helpers(threads: scenario.offloadThreads, busy: 0, waiting: 0)
        var x = area.x
        let shown = min(helpers.threads, max(area.width - 28, 4))
        for index in 0..<shown {
            let busy = index < helpers.busy
            canvas.write(busy ? glyphs.filled : glyphs.empty, x: x, y: area.y, style: busy ? palette.helper : palette.muted)
            x += 1
        }
        // Customers waiting for a helper are the offload café's queue: they must show even on a narrow pane.
        let waiting = NumberText.count(helpers.waiting)
        let long: Line = [Span(" \(helpers.busy)/\(helpers.threads) helpers busy", palette.helper)]
            + (helpers.waiting > 0 ? [Span(", \(waiting) waiting for one", palette.customer)] : [])
        let short: Line = [Span(" \(helpers.busy)/\(helpers.threads) busy", palette.helper)]
            + (helpers.waiting > 0 ? [Span(", \(waiting) wait", palette.customer)] : [])
        let columns = long.reduce(0) { $0 + $1.columns }
        canvas.writeWhole(columns <= area.right - x ? long : short, x: x, y: area.y, maxWidth: area.right - x)
    }

    // MARK: the cups, the wait, the queue

    private func drawCups(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let walked = state.walkedOut > 0 ? palette.walkedOut : palette.muted
        let out = "\(glyphs.walkedOut) \(NumberText.count(state.walkedOut))"
        let errors = "\(glyphs.warning) \(NumberText.count(state.errors))"
        let rest = label("cups", into: &canvas, area: area)
        guard area.height > 1 else {
            drawCupsLine(into: &canvas, area: rest, out: out, errors: errors, walked: walked)
            return
        }
        let (stats, chart) = columns(of: rest)
        var items: [StatItem] = [
            StatItem([Span("\(glyphs.cup) \(NumberText.count(state.served))", palette.served.bolded)]),
            StatItem([Span("\(NumberText.rate(state.servedPerSecond))/s", palette.served)]),
            StatItem([Span("\(out) walked out", walked)], short: [Span(out + " out", walked)]),
        ]
        if state.errors > 0 {
            items.append(
                StatItem([Span("\(errors) errors", palette.warning)], short: [Span(errors + " err", palette.warning)]))
        }
        drawStats(items, into: &canvas, area: stats)
        drawHistory(
            state.servedHistory.samples, maximum: sharedServedMaximum, style: palette.served,
            empty: state.served == 0 ? "no cups yet" : "no cups this minute", numberRows: items.count,
            into: &canvas, area: chart)
    }

    /// The cups on one line: `✓ 1,204 40.0/s ▆▆▆▆▆▆ ✗ 3 walked out`.
    private func drawCupsLine(into canvas: inout Canvas, area: Rect, out: String, errors: String, walked: Style) {
        let head: Line = [
            Span("\(glyphs.cup) \(NumberText.count(state.served))", palette.served.bolded),
            Span(" \(NumberText.rate(state.servedPerSecond))/s ", palette.served),
        ]
        // The sparkline keeps at least 8 columns; the walk-outs and errors shorten their words to make room.
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

    private func drawWait(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = label("wait", into: &canvas, area: area)
        let p50 = NumberText.milliseconds(state.waitP50Ms), p99 = NumberText.milliseconds(state.waitP99Ms)
        guard area.height > 1 else {
            drawWaitLine(into: &canvas, area: rest, p50: p50, p99: p99)
            return
        }
        let (stats, chart) = columns(of: rest)
        drawStats(
            [
                StatItem([Span("p50 ", palette.muted), Span(p50, palette.text)]),
                StatItem([Span("p99 ", palette.muted), Span(p99, palette.text)]),
            ], into: &canvas, area: stats)
        // Before the first cup the axis is drawn empty, so the student knows where the waits will show.
        let buckets = state.waitHistogram.isEmpty
            ? Array(repeating: 0, count: Self.bucketNames.count) : state.waitHistogram.map(Double.init)
        guard chart.width >= buckets.count else { return }
        // One bar per bucket, as wide as the chart allows, with the buckets' bounds on the row under them.
        let pitch = min(chart.width / buckets.count, 7)
        let barWidth = pitch >= 2 ? pitch - 1 : 1
        let bars = Rect(
            x: chart.x, y: chart.y,
            width: Bars.columns(count: buckets.count, barWidth: barWidth, gap: pitch - barWidth), height: chart.height - 1)
        drawWaitBars(buckets, into: &canvas, area: bars, barWidth: barWidth, gap: pitch - barWidth)
        if bars.height >= 3 && buckets.allSatisfy({ $0 <= 0 }) {
            drawNote("no cups yet", into: &canvas, area: bars, below: 2)
        }
        var x = chart.x, end = chart.x
        let scaleRow = chart.y + chart.height - 1
        for (index, name) in Self.bucketNames.prefix(buckets.count).enumerated() {
            x = chart.x + index * pitch
            guard x >= end + (index == 0 ? 0 : 1) else { continue }
            end = x + canvas.write(name, x: x, y: scaleRow, style: palette.muted, maxWidth: rest.right - x)
        }
    }

    /// The wait histogram's buckets by their upper bound; the last holds everything slower.
    static let bucketNames: [String] = ShowState.waitBucketBoundsMs.enumerated().map { index, bound in
        let name = bound >= 1000 ? "\(Int(bound / 1000))s" : "\(Int(bound))"
        return index == 0 ? name + "ms" : name
    } + [">\(Int((ShowState.waitBucketBoundsMs.last ?? 0) / 1000))s"]

    private func drawWaitBars(_ buckets: [Double], into canvas: inout Canvas, area: Rect, barWidth: Int, gap: Int) {
        guard !area.isEmpty else { return }
        // A floor under every bucket shows the histogram's extent; empty buckets stay just floor.
        canvas.repeatGlyph(glyphs.levels[0], count: area.width, x: area.x, y: area.bottom - 1, style: palette.muted)
        let slow = (state.waitP99Ms ?? 0) > 2 * Double(max(scenario.brewMilliseconds, 1))
        Bars(buckets, barWidth: barWidth, gap: gap, style: slow ? palette.customer : palette.served, glyphs: glyphs)
            .render(into: &canvas, area: area)
    }

    /// The wait on one line: `p50 612ms p99 1.9s  ▁▁▁▃▆█▅▂▁ 10ms…5s+`.
    private func drawWaitLine(into canvas: inout Canvas, area: Rect, p50: String, p99: String) {
        let text: Line = [
            Span("p50 ", palette.muted), Span(p50.padding(5), palette.text),
            Span(" p99 ", palette.muted), Span(p99.padding(5), palette.text),
            Span(" ", palette.muted),
        ]
        let used = canvas.write(text, x: area.x, y: area.y, maxWidth: area.width)
        let buckets = state.waitHistogram.map(Double.init)
        guard !buckets.isEmpty, used < area.width else { return }
        let histogram = Rect(x: area.x + used, y: area.y, width: min(area.width - used, buckets.count), height: 1)
        drawWaitBars(buckets, into: &canvas, area: histogram, barWidth: 1, gap: 0)
        let bounds = ShowState.waitBucketBoundsMs
        let first = NumberText.milliseconds(bounds.first), last = NumberText.milliseconds(bounds.last)
        let scale = " \(first)\(glyphs.ellipsis)\(last)+"
        canvas.writeWhole([Span(scale, palette.muted)], x: histogram.right, y: area.y, maxWidth: area.right - histogram.right)
    }

    private func drawQueueHistory(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let rest = label("queue", into: &canvas, area: area)
        let maximum = "max \(NumberText.count(Int(state.doorHistory.maximum)))"
        guard area.height > 1 else {
            let note = " last minute, \(maximum)"
            let spark = Rect(x: rest.x, y: rest.y, width: max(min(60, rest.width - note.count), 0), height: 1)
            drawHistory(
                state.doorHistory.samples, maximum: sharedDoorMaximum, style: palette.customer, into: &canvas, area: spark)
            canvas.write(note, x: spark.right, y: rest.y, style: palette.muted, maxWidth: rest.right - spark.right)
            return
        }
        let (stats, chart) = columns(of: rest)
        drawStats(
            [StatItem([Span("last minute", palette.muted)]), StatItem([Span(maximum, palette.muted)])],
            into: &canvas, area: stats)
        drawHistory(
            state.doorHistory.samples, maximum: sharedDoorMaximum, style: palette.customer,
            empty: "nobody queued this minute", numberRows: 2, into: &canvas, area: chart)
    }

    /// A history as a sparkline over the area's rows, newest at the right, on a dim floor: a second with nothing in
    /// it reads as floor, not as a hole. On one row the floor marks only the seconds sampled so far; a taller chart
    /// has it all along, as its axis, and when it has nothing to draw it says so in the rows left free by the numbers
    /// beside it (`numberRows`), so an empty minute does not read as a broken screen.
    private func drawHistory(
        _ samples: [Double], maximum: Double, style: Style, empty: String? = nil, numberRows: Int = 0,
        into canvas: inout Canvas, area: Rect
    ) {
        guard !area.isEmpty else { return }
        let floor = area.height > 1 ? area.width : min(samples.count, area.width)
        canvas.repeatGlyph(glyphs.levels[0], count: floor, x: area.right - floor, y: area.bottom - 1,
                     style: palette.muted)
        Sparkline(samples, maximum: maximum, style: style, glyphs: glyphs).render(into: &canvas, area: area)
        if let empty, area.height >= 3, samples.allSatisfy({ $0 <= 0 }) {
            drawNote(empty, into: &canvas, area: area, below: numberRows)
        }
    }

    /// A muted note in an empty chart whose last row is its floor: centred in the rows between the part's numbers
    /// and the floor.
    private func drawNote(_ note: String, into canvas: inout Canvas, area: Rect, below numberRows: Int) {
        let columns = TextWidth.columns(of: note)
        guard columns <= area.width else { return }
        let top = min(numberRows, area.height - 2)
        let row = top + max(area.height - 1 - top - 1, 0) / 2
        canvas.write(note, x: area.x + (area.width - columns) / 2, y: area.y + row, style: palette.muted)
    }

    /// One number of a part's column, with a shorter form for when the rows are few.
    private struct StatItem {
        var long: Line
        var short: Line
        init(_ long: Line, short: Line? = nil) {
            self.long = long
            self.short = short ?? long
        }
    }

    /// The numbers of a part in its column: one to a row when the rows allow, else side by side, short forms
    /// when even that does not fit.
    private func drawStats(_ items: [StatItem], into canvas: inout Canvas, area: Rect) {
        let width = area.width - 1
        func pack(_ lines: [Line]) -> [Line] {
            if lines.count <= area.height { return lines }
            var rows: [Line] = []
            for line in lines {
                if let last = rows.last, last.columns + 1 + line.columns <= width {
                    rows[rows.count - 1] = last + [Span(" ")] + line
                } else {
                    rows.append(line)
                }
            }
            return rows
        }
        var rows = pack(items.map(\.long))
        if rows.count > area.height { rows = pack(items.map(\.short)) }
        for (index, row) in rows.prefix(area.height).enumerated() {
            canvas.writeWhole(row, x: area.x, y: area.y + index, maxWidth: width)
        }
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
