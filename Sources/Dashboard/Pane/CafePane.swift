import CafeModel
import TerminalUI

/// One café drawn in its box: the door, the bar, the cups, the wait and the queue over the last minute.
///
/// Both panes use the same rows in the same places (one `PaneLayout`), so the eye compares sync with async line by
/// line; their sparklines share a scale (`sharedQueueMaximum`, `sharedServedMaximum`) so a taller bar means more.
/// A part with one row is a line of words and a small chart; a part with more rows has its numbers in a column
/// on the left and a taller chart beside them, at the same column in every part.
struct CafePane: Widget {
    var state: ShowState
    var scenario: Scenario
    var glyphs: Glyphs
    var palette: Palette
    var sharedQueueMaximum: Double
    var sharedServedMaximum: Double
    var layout = PaneLayout()
    var customers = CustomersClock()

    var context: PaneContext {
        PaneContext(
            state: state, scenario: scenario, glyphs: glyphs, palette: palette, sharedQueueMaximum: sharedQueueMaximum,
            sharedServedMaximum: sharedServedMaximum, customers: customers)
    }

    func render(into canvas: inout Canvas, area: Rect) {
        Box(title: title(width: area.width), borderStyle: palette.border, glyphs: glyphs).render(
            into: &canvas, area: area)
        let inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        guard inner.width > PaneContext.labelWidth + 4 else { return }
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
        let cups = take(layout.cups), wait = take(layout.wait)
        // The code panel, while shown, stands where the queue chart was.
        let queue = take(layout.code > 0 ? layout.code : layout.queue)
        let context = self.context
        if let front = state.front {
            FrontPart(context: context, front: front).render(into: &canvas, area: door)
        } else if let outside = state.outsideView, outside.doorIsUnknown {
            OutsidePart(context: context, outside: outside, row: "door").render(into: &canvas, area: door)
        } else {
            DoorPart(context: context).render(into: &canvas, area: door)
        }
        if let outside = state.outsideView, outside.barIsUnknown {
            OutsidePart(context: context, outside: outside, row: "bar").render(into: &canvas, area: bar)
        } else if let inside = state.insideView, let outside = state.outsideView, !outside.hasStats {
            KernelBarPart(context: context, inside: inside).render(into: &canvas, area: bar)
        } else if state.cafe == .sync {
            let onePerRow = layout.baristaPerRow(state.baristas.count)
            SyncBarPart(context: context, onePerRow: onePerRow).render(into: &canvas, area: bar)
        } else {
            AsyncBarPart(context: context).render(into: &canvas, area: bar)
        }
        CupsPart(context: context).render(into: &canvas, area: cups)
        WaitPart(context: context).render(into: &canvas, area: wait)
        if layout.code > 0 {
            CodePart(context: context, listing: CodeListing.make(state, scenario: scenario)).render(
                into: &canvas, area: queue)
        } else {
            QueuePart(context: context).render(into: &canvas, area: queue)
        }
    }

    // MARK: the title

    /// The long title when the box is wide enough, else the short one; late `/stats` is said in every form.
    func title(width: Int) -> Line {
        guard let late = lateWords else { return plainTitle(width: width) }
        let forms: [Line] = [title + late.long, shortTitle + late.long, shortTitle + late.short]
        if let fitting = forms.first(where: { $0.columns + 6 <= width }) { return fitting }
        return [Span(state.cafe == .sync ? "SYNC" : "ASYNC", palette.title)] + late.short
    }

    /// "· stats 4 s late": the door and the bar below are as old as that, not now.
    var lateWords: (long: Line, short: Line)? {
        guard state.statsAreLate, let age = state.statsAgeSeconds else { return nil }
        let seconds = Int(age.rounded(.down))
        let style = palette.warning.reversed
        return (
            [Span(" \(glyphs.separator) "), Span("stats \(seconds) s late", style)],
            [Span(" "), Span("stats \(seconds)s late", style)]
        )
    }

    private func plainTitle(width: Int) -> Line {
        // nginx in front: the title says so first (`nginx → sync café`), whatever the width; behind it, what serves.
        if state.front != nil {
            let arrow = glyphs.isUnicode ? "→" : "->"
            let behind: String
            if let outside = state.outsideView {
                behind = "nginx \(arrow) sync side"
                let server = outside.server ?? OutsidePart.origin(of: outside.url)
                let long: Line = [Span(behind, palette.title), Span(" \(dash) \(server)", palette.text)]
                return long.columns + 6 <= width ? long : [Span(behind, palette.title)]
            }
            behind = "nginx \(arrow) sync café"
            let long: Line = [
                Span(behind, palette.title),
                Span(" \(dash) \(NumberText.plural(scenario.syncWorkers, "barista"))", palette.text),
            ]
            return long.columns + 6 <= width ? long : [Span(behind, palette.title)]
        }
        let long = title
        if long.columns + 6 <= width { return long }
        // A server barista started keeps its name (the command as typed) before its address.
        if let outside = state.outsideView, let server = outside.server {
            let host = OutsidePart.origin(of: outside.url).replacing("http://", with: "")
            let named: Line = [
                Span(cafeName, palette.title), Span(" \(dash) \(server) \(glyphs.separator) \(host)", palette.text),
            ]
            if named.columns + 6 <= width { return named }
            let tight: Line = [
                Span(state.cafe == .sync ? "SYNC" : "ASYNC", palette.title),
                Span(" \(server) \(glyphs.separator) \(host)", palette.text),
            ]
            if tight.columns + 6 <= width { return tight }
            // Narrower still: the program alone (`gunicorn`), as the async pane names `uvicorn`.
            let program = server.split(separator: " ").first.map(String.init) ?? server
            let byProgram: Line = [
                Span(state.cafe == .sync ? "SYNC" : "ASYNC", palette.title),
                Span(" \(program) \(glyphs.separator) \(host)", palette.text),
            ]
            if byProgram.columns + 6 <= width { return byProgram }
        }
        guard let outside = state.outsideView, shortTitle.columns + 6 > width else { return shortTitle }
        // The address is the one thing an outside pane's title must keep.
        let host = OutsidePart.origin(of: outside.url).replacing("http://", with: "")
        return [Span(state.cafe == .sync ? "SYNC" : "ASYNC", palette.title), Span(" outside \(host)", palette.text)]
    }

    var shortTitle: Line {
        if let outside = state.outsideView {
            return [
                Span(cafeName, palette.title),
                Span(" \(dash) outside: \(OutsidePart.origin(of: outside.url))", palette.text),
            ]
        }
        switch state.cafe {
        case .sync:
            return [
                Span("SYNC café", palette.title),
                Span(" \(dash) \(NumberText.plural(scenario.syncWorkers, "barista"))", palette.text),
            ]
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

    /// "SYNC café", "ASYNC café"; a server barista did not write is a "side", not one of its cafés.
    private var cafeName: String {
        (state.cafe == .sync ? "SYNC" : "ASYNC") + (state.outsideView == nil ? " café" : " side")
    }

    var title: Line {
        if let outside = state.outsideView {
            let server = outside.server.map { "\($0) \(glyphs.separator) " } ?? ""
            let unknown =
                outside.unknownRows.isEmpty
                ? "" : " \(glyphs.separator) \(outside.unknownRows.joined(separator: ", ")) unknown"
            return [
                Span(cafeName, palette.title),
                Span(" \(dash) \(server)outside view: \(OutsidePart.origin(of: outside.url))\(unknown)", palette.text),
            ]
        }
        switch state.cafe {
        case .sync:
            let n = scenario.syncWorkers
            return [
                Span("SYNC café", palette.title),
                Span(" \(dash) \(NumberText.plural(n, "barista")), each waits by the machine", palette.text),
            ]
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

    private func drawDown(_ reason: String, into canvas: inout Canvas, area: Rect) {
        canvas.write("\(glyphs.walkedOut) this café has stopped", x: area.x, y: area.y, style: palette.blockedBanner)
        Paragraph([[Span(reason, palette.blocked)]]).render(into: &canvas, area: area.splitTop(1).rest)
    }
}
