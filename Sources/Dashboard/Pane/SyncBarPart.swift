import CafeModel
import TerminalUI

/// The sync café's bar: each barista with how far the cup is, what it is doing and for whom, then a summary.
/// A barista is blocked at the machine for the whole brew — that is the sync model — and, before that, stuck
/// reading the order for as long as a slow customer takes to give it.
struct SyncBarPart: Widget {
    var context: PaneContext
    /// True when every barista gets a row of its own.
    var onePerRow: Bool

    func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let area = context.label("bar", into: &canvas, area: area)
        let baristas = context.state.baristas
        let used: Int
        if onePerRow && area.height > baristas.count {
            for (index, barista) in baristas.enumerated() {
                drawRow(barista, number: index + 1, of: baristas.count, into: &canvas, row: area.row(index))
            }
            used = baristas.count
        } else {
            used = drawGrid(into: &canvas, area: area.splitTop(max(area.height - 1, 1)).top)
        }
        drawSummary(into: &canvas, row: area.row(min(used, area.height - 1)))
    }

    /// Reading an order longer than this is a slow customer's doing: a whole order arrives in well under a
    /// millisecond on a local network.
    static let slowReadingMs: Double = 100

    /// Why an order takes long to read: a slow customer when the scene has them; otherwise the request is on its
    /// way late, because the customers (the load generator) are behind, by how much; or, with neither, only that
    /// the order has not all come.
    var readingWhy: String {
        if context.scenario.slowShare > 0 { return "slow customer" }
        if context.customers.isBehind {
            return "order late: customers \(NumberText.milliseconds(context.customers.behindMs)) behind"
        }
        return "order still on its way"
    }

    private var glyphs: Glyphs { context.glyphs }
    private var palette: Palette { context.palette }

    /// A CPU cup that takes much longer than its brew: its thread waits for a core the others are using.
    private func isStretched(_ barista: ShowState.Barista) -> Bool {
        guard barista.state == .running, let brew = barista.brewMs, brew > 0 else { return false }
        return barista.forMs > 1.5 * brew
    }

    /// `2 [■■■■■■□□□□□□□] blocked 80ms · customer #1207`; a CPU cup says why it is slow, and an order of the
    /// other kind says it is from before the brew changed.
    private func drawRow(_ barista: ShowState.Barista, number: Int, of count: Int, into canvas: inout Canvas, row: Rect)
    {
        let digits = String(count).count
        let name = String(repeating: " ", count: digits - String(number).count) + String(number)
        var x = row.x + canvas.write(name + " ", x: row.x, y: row.y, style: palette.muted, maxWidth: row.width)
        let gaugeWidth = min(max(row.width - digits - 36, 5), 20)
        let style = style(of: barista)
        canvas.write("[", x: x, y: row.y, style: palette.muted)
        let gauge = Rect(x: x + 1, y: row.y, width: gaugeWidth, height: 1)
        drawGauge(barista, style: style, into: &canvas, area: gauge)
        canvas.write("]", x: gauge.right, y: row.y, style: palette.muted)
        x = gauge.right + 2
        let brewing = barista.state == .blocked || barista.state == .running
        let fromBefore = brewing && (barista.state == .running) != (context.scenario.kind == .cpu)
        var words: Line
        switch barista.state {
        case .idle: words = [Span("idle", palette.muted)]
        case .reading:
            words = [Span("reading \(NumberText.milliseconds(barista.forMs))", style)]
            if barista.forMs >= Self.slowReadingMs {
                // The long reason when the row has room for it and the customer, else its first words.
                let long = readingWhy, short = long.split(separator: ":").first.map(String.init) ?? long
                let room = row.right - x - words.columns - 20
                words.append(Span(" (\(long.count + 3 <= room ? long : short))", style))
            }
        case .blocked: words = [Span("blocked \(NumberText.milliseconds(barista.forMs))", style)]
        case .running:
            words = [Span("brewing \(NumberText.milliseconds(barista.forMs)) (cpu)", style)]
            if isStretched(barista), let brew = barista.brewMs {
                words.append(Span(" for a \(NumberText.milliseconds(brew)) cup: cores shared", palette.warning))
            }
        }
        if fromBefore { words.append(Span(" \(glyphs.separator) from before", palette.warning)) }
        if barista.state != .idle, let customer = barista.customer {
            words.append(Span(" \(glyphs.separator) customer #\(customer)", palette.muted))
        }
        canvas.writeWhole(words, x: x, y: row.y, maxWidth: row.right - x)
    }

    private func drawGauge(_ barista: ShowState.Barista, style: Style, into canvas: inout Canvas, area: Rect) {
        if barista.state == .idle {
            canvas.repeatGlyph(glyphs.idle, count: area.width, x: area.x, y: area.y, style: palette.muted)
        } else if barista.state == .reading {
            // No cup started yet: the barista waits on the customer's words, with a glyph of its own.
            canvas.repeatGlyph(glyphs.reading, count: area.width, x: area.x, y: area.y, style: style)
        } else {
            Gauge(ratio: barista.progress ?? 1, filledStyle: style, emptyStyle: style.dimmed, glyphs: glyphs)
                .render(into: &canvas, area: area)
        }
    }

    /// Every barista as a small gauge `[■■■□]`, as many to a row as fit; too many for the room and each becomes
    /// one glyph. Returns the rows used.
    private func drawGrid(into canvas: inout Canvas, area: Rect) -> Int {
        let baristas = context.state.baristas
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
                canvas.write("[", x: x, y: y, style: palette.muted)
                drawGauge(
                    barista, style: style(of: barista), into: &canvas,
                    area: Rect(x: x + 1, y: y, width: gaugeWidth, height: 1))
                canvas.write("]", x: x + 1 + gaugeWidth, y: y, style: palette.muted)
            }
            return rows
        }
        let perRow = max(area.width, 1)
        for (index, barista) in baristas.enumerated() where index < perRow * area.height {
            let glyph =
                barista.state == .idle ? glyphs.idle : barista.state == .reading ? glyphs.reading : glyphs.filled
            canvas.write(glyph, x: area.x + index % perRow, y: area.y + index / perRow, style: style(of: barista))
        }
        return min((n + perRow - 1) / perRow, area.height)
    }

    /// "4 blocked at the machine · longest 80ms", or for CPU cups on shared cores "4 brewing (cpu) · 4.4× their
    /// brew: cores shared", or with slow customers "4 reading orders · longest 3.2s".
    private func drawSummary(into canvas: inout Canvas, row: Rect) {
        let baristas = context.state.baristas
        let n = baristas.count
        let reading = baristas.filter { $0.state == .reading }.count
        let blocked = baristas.filter { $0.state == .blocked }.count
        let running = baristas.filter { $0.state == .running }.count
        let idle = n - reading - blocked - running
        var line: Line = []
        if reading > 0 {
            // Not slow customers: the orders come late because the customers are behind; said even in the grid.
            if context.scenario.slowShare == 0, context.customers.isBehind {
                let behind = NumberText.milliseconds(context.customers.behindMs)
                let long: Line = [
                    Span("\(reading) reading \(reading == 1 ? "an order" : "orders")", palette.reading),
                    Span(" (customers \(behind) behind)", palette.warning),
                ]
                line +=
                    long.columns <= row.width
                    ? long
                    : [Span("\(reading) reading", palette.reading), Span(" (orders \(behind) late)", palette.warning)]
            } else {
                line.append(Span("\(reading) reading \(reading == 1 ? "an order" : "orders")", palette.reading))
            }
        }
        if blocked > 0 {
            line.append(Span("\(line.isEmpty ? "" : ", ")\(blocked) blocked at the machine", palette.blocked))
        }
        if running > 0 {
            let before = context.scenario.kind == .io ? " from before" : ""
            line.append(Span("\(line.isEmpty ? "" : ", ")\(running) brewing (cpu)", palette.busy))
            if !before.isEmpty { line.append(Span(before, palette.warning)) }
        }
        if idle > 0 || n == 0 {
            line.append(
                Span("\(line.isEmpty ? "" : ", ")\(n == 0 ? "no baristas yet" : "\(idle) idle")", palette.muted))
        }
        let stretched = baristas.filter(isStretched)
        if let brew = stretched.first?.brewMs, brew > 0 {
            let factor = stretched.map(\.forMs).max()! / brew
            line.append(
                Span(
                    " \(glyphs.separator) cups take \(NumberText.rate(factor))\(glyphs.times): cores shared",
                    palette.warning))
        } else if let longest = baristas.filter({ $0.state != .idle }).map(\.forMs).max(), longest > 0 {
            line.append(Span(" \(glyphs.separator) longest \(NumberText.milliseconds(longest))", palette.muted))
        }
        canvas.writeWhole(line, x: row.x, y: row.y, maxWidth: row.width)
    }

    private func style(of barista: ShowState.Barista) -> Style {
        switch barista.state {
        case .idle: return palette.muted
        case .blocked: return palette.blocked
        case .running: return palette.busy
        case .reading: return palette.reading
        }
    }
}
