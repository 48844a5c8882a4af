import CafeModel
import TerminalUI

/// The view of the Elm loop: the whole screen as a pure function of the model, into a `Canvas`.
///
/// Layout, top to bottom: the header (the offered load, both URLs), the two café panes side by side, the theory
/// and Little's-law lines, the ticker, the lesson panel taking what height is left, the footer with the keys.
/// Below 80×24 it asks for a larger terminal instead.
public enum DashboardView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ model: DashboardModel) -> Canvas {
        var canvas = Canvas(width: model.width, height: model.height)
        let glyphs: Glyphs = model.options.ascii ? .ascii : .unicode
        let palette = Palette.forOptions(model.options)
        let big = model.options.big
        guard model.width >= (big ? BigView.minimumWidth : minimumWidth),
            model.height >= (big ? BigView.minimumHeight : minimumHeight)
        else {
            drawTooSmall(model, into: &canvas, palette: palette)
            if !glyphs.isUnicode { canvas.mapCharacters(asciiFallback) }
            return canvas
        }
        if big {
            BigView.render(model, glyphs: glyphs, palette: palette, into: &canvas)
            if !glyphs.isUnicode { canvas.mapCharacters(asciiFallback) }
            return canvas
        }
        let frame = model.frame
        var rest = canvas.area

        let header = rest.splitTop(2)
        drawHeader(frame, into: &canvas, area: header.top, glyphs: glyphs, palette: palette)
        rest = header.rest

        let footer = rest.splitBottom(1)
        rest = footer.rest
        let narration = narrationText(
            frame, cores: model.options.cores, glyphs: glyphs, palette: palette, failuresFirst: model.height < 40)
        let legend = Legend(
            glyphs: glyphs, palette: palette,
            slowCustomers: frame.scenario.slowShare > 0 || frame.sync.readingBaristas > 0,
            notSent: frame.sync.notSent != nil || frame.async.notSent != nil,
            failures: [frame.sync, frame.async].contains { $0.errors > 0 || $0.unseen4xx > 0 },
            backRoom: frame.scenario.asyncHandler == .offload || frame.async.helpers != nil)
        let narrationWidth = narrationTextWidth(inner: rest.width - 4, legend: legend)
        let words = narration.wrapped(width: narrationWidth)
        let lessonPanel = frame.lesson.map { LessonPanelView(panel: $0, glyphs: glyphs, palette: palette) }
        // The failures named first must not take rows from the panes (their cups would lose a row): the layout
        // counts the situation's words only, and the names fill the panel from the top.
        let situationRows =
            model.height < 40 && frame.narration == nil
            ? narrationText(frame, cores: model.options.cores, glyphs: glyphs, palette: palette)
                .wrapped(width: narrationWidth).count
            : words.count
        let panelRows = lessonPanel?.preferredRows(width: rest.width - 4) ?? situationRows
        let layout = paneLayout(
            frame, body: rest, theoryRows: theoryHeight(forHeight: model.height, lesson: lessonPanel != nil),
            narrationRows: panelRows)
        let panes = rest.splitTop(layout.rows + 2)
        let (left, right) = panes.top.halves()
        let queueMaximum = max(frame.sync.queueHistoryMaximum, frame.async.queueHistoryMaximum, 1)
        let servedMaximum = max(frame.sync.servedHistory.maximum, frame.async.servedHistory.maximum, 1)
        for (state, area) in [(frame.sync, left), (frame.async, right)] {
            CafePane(
                state: state, scenario: frame.scenario, glyphs: glyphs, palette: palette,
                sharedQueueMaximum: queueMaximum, sharedServedMaximum: servedMaximum, layout: layout,
                customers: frame.customers
            ).render(into: &canvas, area: area)
        }
        rest = panes.rest

        let theoryRows = rest.splitTop(theoryHeight(forHeight: model.height, lesson: lessonPanel != nil))
        let theory = TheoryLines(frame: frame, cores: model.options.cores, glyphs: glyphs, palette: palette)
        drawTheory(theory, frame: frame, into: &canvas, area: theoryRows.top, glyphs: glyphs, palette: palette)
        rest = theoryRows.rest

        if let lessonPanel {
            lessonPanel.render(into: &canvas, area: rest)
        } else {
            drawNarration(
                narration, wrapped: words, legend: legend, into: &canvas, area: rest, glyphs: glyphs, palette: palette)
        }
        drawFooter(
            into: &canvas, area: footer.bottom, palette: palette, lesson: frame.lesson != nil,
            demo: frame.lesson?.autoPlay != nil)

        if model.helpOpen {
            let help = HelpOverlay(glyphs: glyphs, palette: palette)
            let area = canvas.area.centered(width: HelpOverlay.width, height: help.height)
            help.render(into: &canvas, area: area)
        }
        if !glyphs.isUnicode { canvas.mapCharacters(asciiFallback) }
        return canvas
    }

    // MARK: parts

    /// Rows of the theory block: two capacity lines, Little's law, the cores, the ticker; on a tall screen also
    /// what the letters of Little's law stand for. A lesson on a short screen keeps the first three and gives the
    /// cores and the ticker's rows to its words.
    static func theoryHeight(forHeight height: Int, lesson: Bool = false) -> Int {
        if lesson && height < 30 { return 3 }
        return height >= 40 ? 6 : 5
    }

    static func drawTheory(
        _ theory: TheoryLines, frame: ShowFrame, into canvas: inout Canvas, area: Rect, glyphs: Glyphs, palette: Palette
    ) {
        let rows = area.inset(horizontal: 1, vertical: 0)
        let width = rows.width - 8
        var y = rows.y
        func row(_ label: String, _ line: Line, _ compact: Line? = nil, _ tight: Line? = nil) {
            canvas.write(label, x: rows.x, y: y, style: palette.label)
            let forms = [line, compact, tight].compactMap { $0 }
            let fitting = forms.first { $0.columns <= width } ?? forms[forms.count - 1]
            canvas.write(fitting, x: rows.x + 8, y: y, maxWidth: width)
            y += 1
        }
        if frame.lesson?.isAsking == true {
            // The capacity lines would answer the lesson's question: they come back once the student has answered.
            let hidden = "hidden while the question waits: answer first, then the theory shows beside the measurement"
            row("theory ", [Span(hidden, palette.muted)], [Span("hidden until you answer", palette.muted)])
            row("", [])
        } else {
            row("theory ", theory.capacityLine(.sync), theory.capacityLine(.sync, compact: true))
            row("", theory.capacityLine(.async), theory.capacityLine(.async, compact: true))
        }
        row(theory.label, theory.littleLine(), theory.littleLine(compact: true))
        if rows.height >= 6 { row("", theory.legend(width: width)) }
        guard rows.height >= 5 else { return }
        row("cores ", theory.coresLine(), theory.coresLine(compact: true), theory.coresLine(tight: true))
        let ticker = frame.ticker.map { glyphs.plain($0.text) } ?? "the first customer is on the way"
        let style = frame.ticker == nil ? palette.muted : palette.ticker
        row("ticker ", [Span(ticker, style)], frame.ticker.map { [Span(glyphs.plain($0.shortText), style)] })
    }

    /// The share of the rows under the header and theory that the lesson panel gets at least.
    static let narrationShare = 0.22

    /// How tall each part of the café panes is: the panes take what the lesson panel leaves, the lesson panel
    /// keeps its share (or its whole text, if longer) and whatever the panes cannot use.
    static func paneLayout(_ frame: ShowFrame, body: Rect, theoryRows: Int, narrationRows: Int) -> PaneLayout {
        let room = body.height - theoryRows
        let share = Int((Double(room) * narrationShare).rounded())
        let narration = max(max(narrationRows, 3) + 2, share)
        let baristas = max(frame.scenario.syncWorkers, frame.sync.baristas.count)
        let front = frame.sync.front.map { $0.staticFiles == nil ? 2 : 3 } ?? 0
        return PaneLayout.fitting(
            rows: room - narration - 2, baristas: baristas, frontRows: front,
            codeRows: codeRows(frame, width: body.width))
    }

    /// The rows the code panel wants in the narrower pane, nil while it is hidden. Its lines depend on the scene and
    /// the width only, never on live numbers, so the panes do not jump.
    static func codeRows(_ frame: ShowFrame, width: Int) -> Int? {
        guard frame.scenario.showCode else { return nil }
        let inner = width / 2 - 4
        return [frame.sync, frame.async].map { state in
            CodePart.wantedRows(CodeListing.make(state, scenario: frame.scenario), width: inner)
        }.max()
    }
}
