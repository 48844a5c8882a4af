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
        let situationRows = model.height < 40 && frame.narration == nil
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

    static func drawHeader(
        _ frame: ShowFrame, into canvas: inout Canvas, area: Rect, glyphs: Glyphs, palette: Palette, urls: Bool = true
    ) {
        let scenario = frame.scenario
        let dot = " \(glyphs.separator) "
        var line: Line = [Span(" barista", palette.title)]
        if scenario.paused {
            line.append(Span(dot, palette.muted))
            line.append(Span("door closed (paused)", palette.warning.reversed))
        } else {
            line.append(Span(dot + "same \(NumberText.shortRate(frame.offeredRate)) customers/s into both cafés", palette.text))
        }
        let kind = scenario.kind == .io ? "I/O" : "CPU"
        line.append(Span(dot + "brew \(scenario.brewMilliseconds) ms (\(kind))", palette.text))
        line.append(Span(dot + scenario.arrivals.rawValue, palette.muted))
        canvas.writeWhole(line, x: area.x, y: area.y, maxWidth: area.width - 10)
        let help = "[?] help "
        canvas.write(help, x: area.right - help.count, y: area.y, style: palette.key)
        guard urls else { return }
        // Each URL with its label, whole or not at all; then the hint.
        var parts: [Line] = [
            [Span(" sync ", palette.label), Span(frame.syncURL, palette.text)],
            [Span("   async ", palette.label), Span(frame.asyncURL, palette.text)],
            [Span("   try: curl \(tryURL(frame))", palette.muted)],
        ]
        // A notice (the shop was just cleared) explains the numbers, so for its few seconds it comes first, cut
        // rather than left out, and the hint goes; the URLs follow as far as they fit.
        var x = area.x
        // Figures that came back late come before anything else: the panes below are older than they look.
        // Past the rate the machine can carry, the warning says so before it happens.
        let warning = LateFigures(frame: frame).sentence ?? frame.notice ?? overRateWarning(frame)
        if let warning {
            x += canvas.write(
                " " + glyphs.plain(warning) + "  ", x: x, y: area.y + 1, style: palette.warning, maxWidth: area.width)
            parts.removeLast()
        }
        for part in parts {
            let columns = part.reduce(0) { $0 + $1.columns }
            guard x + columns <= area.right else { break }
            x += canvas.write(part, x: x, y: area.y + 1)
        }
    }

    /// "past 600/s on 2 cores the customers need the cores: figures lag" — while the offered rate is past what
    /// the show measured it can drive truthfully on this many cores (README: the show at the machine's limit).
    static func overRateWarning(_ frame: ShowFrame) -> String? {
        let cores = frame.machine?.cores ?? 0
        guard cores > 0, !frame.scenario.paused else { return nil }
        let limit = MachineLoad.truthfulRate(cores: cores)
        guard frame.offeredRate > limit else { return nil }
        return "past \(NumberText.shortRate(limit))/s on \(NumberText.plural(cores, "core")) the customers need the cores: "
            + "figures may lag"
    }

    /// What the header offers to try by hand: exactly what the sync side's customers ask for (an outside server
    /// is asked for its own path, not barista's menu).
    static func tryURL(_ frame: ShowFrame) -> String {
        frame.sync.outsideView?.url
            ?? "\(frame.syncURL)/brew?ms=\(frame.scenario.brewMilliseconds)&kind=\(frame.scenario.kind.rawValue)"
    }

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
        return PaneLayout.fitting(rows: room - narration - 2, baristas: baristas, frontRows: front)
    }

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

    /// The keys, as many as fit: quit, help and the rate first, the rest in the help overlay's order.
    /// In a lesson `x` starts the step again, in the demo `space` pauses the script: the footer leaves the café
    /// meanings of those keys out.
    static func drawFooter(into canvas: inout Canvas, area: Rect, palette: Palette, lesson: Bool = false, demo: Bool = false) {
        let priority = ["q", "?", "+ / -", "space", "w / W", "m", "k", "[ / ]", "a", "r", "x"]
            .filter { !(demo && $0 == "space") && !(lesson && $0 == "x") }
        let bindings = KeyMap.bindings
        let narrow = area.width < 100
        func word(_ binding: KeyMap.Binding) -> String { narrow ? binding.shortFooter : binding.footer }
        func width(_ binding: KeyMap.Binding) -> Int { footerKeys(binding).count + 3 + word(binding).count }
        var chosen: Set<String> = []
        var total = 0
        for keys in priority {
            guard let binding = bindings.first(where: { $0.keys == keys }) else { continue }
            let needed = width(binding) + (chosen.isEmpty ? 0 : 2)
            if total + needed > area.width - 1 { continue }
            chosen.insert(keys)
            total += needed
        }
        var x = area.x + 1
        for binding in bindings where chosen.contains(binding.keys) {
            let keys = footerKeys(binding)
            canvas.write("[\(keys)]", x: x, y: area.y, style: palette.key)
            canvas.write(word(binding), x: x + keys.count + 3, y: area.y, style: palette.muted)
            x += width(binding) + 2
        }
    }

    /// A binding's keys as the footer writes them (`+/-`); made once, as replacing text every frame cost a tenth of
    /// the frame.
    static func footerKeys(_ binding: KeyMap.Binding) -> String {
        compactKeys[binding.keys] ?? binding.keys.replacing(" / ", with: "/")
    }

    private static let compactKeys: [String: String] = Dictionary(
        KeyMap.bindings.map { ($0.keys, $0.keys.replacing(" / ", with: "/")) }, uniquingKeysWith: { first, _ in first })

    /// The last word for a terminal without Unicode: letters lose their accents, anything else left becomes "?".
    static func asciiFallback(_ character: Character) -> Character {
        if character.isASCII { return character }
        switch character {
        case "é", "è", "ê": return "e"
        case "×": return "x"
        case "–", "—": return "-"
        case "λ": return "l"
        case "µ": return "u"
        default: return "?"
        }
    }

    static func drawTooSmall(_ model: DashboardModel, into canvas: inout Canvas, palette: Palette) {
        let lines: [Line] = [
            [Span(model.options.big
                ? "make the terminal at least \(BigView.minimumWidth)×\(BigView.minimumHeight) for --big"
                : "make the terminal at least \(minimumWidth)×\(minimumHeight)", palette.warning)],
            [Span("(it is \(model.width)×\(model.height) now)", palette.muted)],
            [Span("q quits", palette.muted)],
        ]
        let area = canvas.area.centered(width: canvas.width, height: min(3, canvas.height))
        Paragraph(lines, wrap: true, alignment: .center).render(into: &canvas, area: area)
    }
}
