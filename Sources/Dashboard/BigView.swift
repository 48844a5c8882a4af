import CafeModel
import TerminalUI

/// The presentation layout (`barista demo --big`), for a projector at 100×30: fewer, larger figures — cups per
/// second, customers queued and the median wait of each café in digits three rows tall — and the lesson's words
/// in a large panel. The figures are the same as the full screen's, shortened the same way, never dropped.
public enum BigView {
    public static let minimumWidth = 100
    public static let minimumHeight = 30

    static func render(_ model: DashboardModel, glyphs: Glyphs, palette: Palette, into canvas: inout Canvas) {
        let frame = model.frame
        var rest = canvas.area
        let header = rest.splitTop(1)
        DashboardView.drawHeader(
            frame, into: &canvas, area: Rect(x: 0, y: 0, width: canvas.width, height: 1), glyphs: glyphs,
            palette: palette, urls: false)
        rest = header.rest
        let footer = rest.splitBottom(1)
        rest = footer.rest
        // The code panel (`c`, a step's `code: show`) under the three figures, its rows taken from the lesson's.
        let codeRows = frame.scenario.showCode ? Self.codeRows : 0
        let panes = rest.splitTop(14 + codeRows)
        let (left, right) = panes.top.halves()
        for (state, area) in [(frame.sync, left), (frame.async, right)] {
            drawCafe(
                state, scenario: frame.scenario, glyphs: glyphs, palette: palette, into: &canvas, area: area,
                codeRows: codeRows)
        }
        rest = panes.rest
        if let lesson = frame.lesson {
            LessonPanelView(panel: lesson, glyphs: glyphs, palette: palette).render(into: &canvas, area: rest)
        } else {
            let words = WhatToWatch(frame: frame, cores: model.options.cores).text
            Box(title: [Span("what to watch", palette.title)], borderStyle: palette.border, glyphs: glyphs)
                .render(into: &canvas, area: rest)
            Paragraph(glyphs.plain(words), style: palette.text).render(
                into: &canvas, area: Box.inner(of: rest).inset(horizontal: 1, vertical: 0))
        }
        DashboardView.drawFooter(
            into: &canvas, area: footer.bottom, palette: palette, lesson: frame.lesson != nil,
            demo: frame.lesson?.autoPlay != nil)
    }

    /// One café: its name, then served/s, queued and p50 in large digits, with a line of small words under each.
    static func drawCafe(
        _ state: ShowState, scenario: Scenario, glyphs: Glyphs, palette: Palette, into canvas: inout Canvas, area: Rect,
        codeRows: Int = 0
    ) {
        let pane = CafePane(
            state: state, scenario: scenario, glyphs: glyphs, palette: palette, sharedQueueMaximum: 1,
            sharedServedMaximum: 1)
        Box(title: pane.shortTitle + (pane.lateWords?.short ?? []), borderStyle: palette.border, glyphs: glyphs)
            .render(into: &canvas, area: area)
        var inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        if codeRows > 0 {
            let code = inner.splitBottom(codeRows)
            inner = code.rest
            CodePart(context: pane.context, listing: CodeListing.make(state, scenario: scenario))
                .render(into: &canvas, area: code.bottom)
        }
        if let reason = state.serverDown {
            Paragraph([[Span("\(glyphs.walkedOut) this café has stopped: \(reason)", palette.blocked)]])
                .render(into: &canvas, area: inner)
            return
        }
        let p50 = state.waitP50Ms.map { NumberText.milliseconds($0) } ?? "-"
        let (p50Number, p50Unit) = split(p50)
        let figures: [(label: String, number: String, unit: String, style: Style, note: String)] = [
            (
                "cups per second", NumberText.rate(state.servedPerSecond), "/s", palette.served.bolded,
                "\(glyphs.cup) \(NumberText.compact(state.served)) \(glyphs.separator) \(glyphs.walkedOut) \(NumberText.compact(state.walkedOut)) left"
                    + (state.brewedForNobody > 0
                        ? " \(glyphs.separator) \(glyphs.nobody) \(NumberText.compact(state.brewedForNobody))" : "")
                    + (state.notSent.map {
                        " \(glyphs.separator) \(glyphs.notSent) \(NumberText.compact($0.count)) not sent"
                    } ?? "")
            ),
            (
                "queued", NumberText.compact(state.queued), "", palette.customer.bolded,
                queuedNote(state, glyphs: glyphs)
            ),
            (
                "median wait", p50Number, p50Unit, palette.ticker.bolded,
                state.waitAgeSeconds >= 1
                    ? "as of \(Int(state.waitAgeSeconds.rounded())) s ago"
                    : "p99 \(NumberText.milliseconds(state.waitP99Ms))"
            ),
        ]
        // Four rows a figure (its label, then three of digits with the small words on the last), three figures.
        var y = inner.y
        for figure in figures {
            guard y + 4 <= inner.bottom else { break }
            canvas.write(figure.label, x: inner.x, y: y, style: palette.label)
            let big = BigNumber(text: figure.number, style: figure.style, glyphs: glyphs)
            big.render(into: &canvas, area: Rect(x: inner.x, y: y + 1, width: inner.width, height: BigNumber.rows))
            let unitX = inner.x + big.columns + 1
            canvas.write(figure.unit, x: unitX, y: y + 3, style: figure.style, maxWidth: max(inner.right - unitX, 0))
            let noteX = unitX + figure.unit.count + 3
            canvas.write(figure.note, x: noteX, y: y + 3, style: palette.muted, maxWidth: max(inner.right - noteX, 0))
            y += 4
        }
    }

    /// The code panel's rows in the projector layout: the line where the customers are, the lines around it, the
    /// door or the loop.
    static let codeRows = 4

    /// "612ms" → ("612", "ms"); "1.9s" → ("1.9", "s").
    static func split(_ text: String) -> (String, String) {
        let number = text.prefix { $0.isNumber || $0 == "." || $0 == "," || $0 == "-" }
        return (String(number), String(text.dropFirst(number.count)))
    }

    /// What the queue is made of: the blocked baristas or loop, buzzers, the back room.
    static func queuedNote(_ state: ShowState, glyphs: Glyphs) -> String {
        var words: [String] = []
        if state.cafe == .sync {
            words.append("\(state.busyBaristas)/\(state.baristas.count) baristas at the machine")
        } else {
            let blocked = state.loops.contains(where: \.isBlocked)
            words.append(blocked ? "loop BLOCKED" : "\(NumberText.compact(state.awaiting)) buzzers out")
            if state.waitingForHelper > 0 {
                words.append("\(NumberText.compact(state.waitingForHelper)) in the back room")
            }
        }
        if state.goneAtDoor > 0 { words.append("\(NumberText.compact(state.goneAtDoor)) already gone") }
        return words.joined(separator: ", ")
    }
}
