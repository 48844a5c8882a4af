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
        guard model.width >= minimumWidth, model.height >= minimumHeight else {
            drawTooSmall(model, into: &canvas, palette: palette)
            if !glyphs.isUnicode { canvas.mapCharacters(asciiFallback) }
            return canvas
        }
        let frame = model.frame
        var rest = canvas.area

        let header = rest.splitTop(2)
        drawHeader(frame, into: &canvas, area: header.top, glyphs: glyphs, palette: palette)
        rest = header.rest

        let panes = rest.splitTop(CafePane.height)
        let (left, right) = panes.top.halves()
        let doorMaximum = max(frame.sync.doorHistory.maximum, frame.async.doorHistory.maximum, 1)
        let servedMaximum = max(frame.sync.servedHistory.maximum, frame.async.servedHistory.maximum, 1)
        for (state, area) in [(frame.sync, left), (frame.async, right)] {
            CafePane(
                state: state, scenario: frame.scenario, glyphs: glyphs, palette: palette,
                sharedDoorMaximum: doorMaximum, sharedServedMaximum: servedMaximum
            ).render(into: &canvas, area: area)
        }
        rest = panes.rest

        let theory = TheoryLines(frame: frame, cores: model.options.cores, glyphs: glyphs, palette: palette)
        let theoryRows = rest.splitTop(4)
        let rows = theoryRows.top.inset(horizontal: 1, vertical: 0)
        canvas.write("theory ", x: rows.x, y: rows.y, style: palette.label)
        canvas.write(theory.capacityLine(.sync), x: rows.x + 8, y: rows.y, maxWidth: rows.width - 8)
        canvas.write(theory.capacityLine(.async), x: rows.x + 8, y: rows.y + 1, maxWidth: rows.width - 8)
        canvas.write(theory.label, x: rows.x, y: rows.y + 2, style: palette.label)
        canvas.write(theory.littleLine(), x: rows.x + 8, y: rows.y + 2, maxWidth: rows.width - 8)
        canvas.write("ticker ", x: rows.x, y: rows.y + 3, style: palette.label)
        let ticker = frame.ticker.map { glyphs.plain($0.text) } ?? "the first customer is on the way"
        canvas.write(ticker, x: rows.x + 8, y: rows.y + 3, style: frame.ticker == nil ? palette.muted : palette.ticker,
                     maxWidth: rows.width - 8)
        rest = theoryRows.rest

        let footer = rest.splitBottom(1)
        drawNarration(frame, into: &canvas, area: footer.rest, glyphs: glyphs, palette: palette)
        drawFooter(into: &canvas, area: footer.bottom, palette: palette)

        if model.helpOpen {
            let help = HelpOverlay(glyphs: glyphs, palette: palette)
            let area = canvas.area.centered(width: HelpOverlay.width, height: help.height)
            help.render(into: &canvas, area: area)
        }
        if !glyphs.isUnicode { canvas.mapCharacters(asciiFallback) }
        return canvas
    }

    // MARK: parts

    static func drawHeader(_ frame: ShowFrame, into canvas: inout Canvas, area: Rect, glyphs: Glyphs, palette: Palette) {
        let scenario = frame.scenario
        let dot = " \(glyphs.separator) "
        var line: Line = [Span(" barista", palette.title)]
        if scenario.paused {
            line.append(Span(dot, palette.muted))
            line.append(Span(" door closed (paused) ", palette.warning.reversed))
        } else {
            line.append(Span(dot + "same \(NumberText.shortRate(frame.offeredRate)) customers/s into both cafés", palette.text))
        }
        let kind = scenario.kind == .io ? "I/O" : "CPU"
        line.append(Span(dot + "brew \(scenario.brewMilliseconds) ms (\(kind))", palette.text))
        line.append(Span(dot + scenario.arrivals.rawValue, palette.muted))
        canvas.writeWhole(line, x: area.x, y: area.y, maxWidth: area.width - 10)
        let help = "[?] help "
        canvas.write(help, x: area.right - help.count, y: area.y, style: palette.key)
        let urls: Line = [
            Span(" sync ", palette.label), Span(frame.syncURL, palette.text),
            Span("   async ", palette.label), Span(frame.asyncURL, palette.text),
            Span("   try: curl \(frame.syncURL)/brew?ms=\(scenario.brewMilliseconds)", palette.muted),
        ]
        canvas.writeWhole(urls, x: area.x, y: area.y + 1, maxWidth: area.width)
    }

    static func drawNarration(_ frame: ShowFrame, into canvas: inout Canvas, area: Rect, glyphs: Glyphs, palette: Palette) {
        guard area.height >= 3 else { return }
        let title = frame.narration?.title ?? "what to watch"
        let text = frame.narration?.text ?? defaultNarration(frame, glyphs: glyphs)
        // The box is as tall as its text (at least three rows), so a short note does not leave a tall empty frame.
        let paragraph = Paragraph(glyphs.plain(text), style: palette.text)
        let textWidth = area.width - 4
        let rows = paragraph.lines.reduce(0) { $0 + Paragraph.wrap($1, width: textWidth).count }
        let box = area.splitTop(min(max(rows, 3) + 2, area.height)).top
        Box(title: [Span(title, palette.title)], borderStyle: palette.border, glyphs: glyphs)
            .render(into: &canvas, area: box)
        paragraph.render(into: &canvas, area: Box.inner(of: box).inset(horizontal: 1, vertical: 0))
    }

    /// What to look at when no lesson runs: the one thing this scenario shows.
    static func defaultNarration(_ frame: ShowFrame, glyphs: Glyphs) -> String {
        let theory = frame.theory(cores: 1)
        if frame.scenario.paused { return "The door is closed. Press space to let customers in again." }
        if frame.sync.serverDown != nil || frame.async.serverDown != nil {
            return "A café has stopped; its last words are in its pane. Press q to end the show."
        }
        if frame.scenario.asyncHandler == .block && frame.scenario.kind == .io {
            return "The async barista now stares at the machine for every cup (a blocking call in an async view): "
                + "the whole café stalls and its loop lag jumps. Press m to offload the cup to back-room helpers."
        }
        if theory.queueGrowth(of: .sync) > 0 {
            return "More customers come than the sync café's baristas can serve: its door queue grows every second "
                + "and so does every wait, while the async café hands out buzzers and keeps up. Press w to hire a barista."
        }
        return "Both cafés get the same customers at the same instants. Press + to send more customers each second "
            + "and watch the sync café's door: it fills once the offered rate passes its capacity."
    }

    /// The keys, as many as fit: quit, help and the rate first, the rest in the help overlay's order.
    static func drawFooter(into canvas: inout Canvas, area: Rect, palette: Palette) {
        let priority = ["q", "?", "+ / -", "space", "w / W", "m", "k", "[ / ]", "a", "r"]
        let bindings = KeyMap.bindings
        let narrow = area.width < 100
        func word(_ binding: KeyMap.Binding) -> String { narrow ? binding.shortFooter : binding.footer }
        func width(_ binding: KeyMap.Binding) -> Int { binding.keys.replacing(" / ", with: "/").count + 3 + word(binding).count }
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
            let keys = binding.keys.replacing(" / ", with: "/")
            canvas.write("[\(keys)]", x: x, y: area.y, style: palette.key)
            canvas.write(word(binding), x: x + keys.count + 3, y: area.y, style: palette.muted)
            x += width(binding) + 2
        }
    }

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
            [Span("make the terminal at least \(minimumWidth)×\(minimumHeight)", palette.warning)],
            [Span("(it is \(model.width)×\(model.height) now)", palette.muted)],
            [Span("q quits", palette.muted)],
        ]
        let area = canvas.area.centered(width: canvas.width, height: min(3, canvas.height))
        Paragraph(lines, wrap: true, alignment: .center).render(into: &canvas, area: area)
    }
}
