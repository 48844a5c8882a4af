import CafeModel
import TerminalUI

/// The header: the offered load, the brew, both cafés' URLs, and a warning when the figures are late.
extension DashboardView {
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
            line.append(
                Span(dot + "same \(NumberText.shortRate(frame.offeredRate)) customers/s into both cafés", palette.text))
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
        return
            "past \(NumberText.shortRate(limit))/s on \(NumberText.plural(cores, "core")) the customers need the cores: "
            + "figures may lag"
    }

    /// What the header offers to try by hand: exactly what the sync side's customers ask for (an outside server
    /// is asked for its own path, not barista's menu).
    static func tryURL(_ frame: ShowFrame) -> String {
        frame.sync.outsideView?.url
            ?? "\(frame.syncURL)/brew?ms=\(frame.scenario.brewMilliseconds)&kind=\(frame.scenario.kind.rawValue)"
    }
}
