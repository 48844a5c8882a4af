import CafeModel
import TerminalUI

/// The lesson panel's title, fitted to its box: `demo: The buzzer · step 2/9: Four baristas who wait · next in 12 s`.
/// The demo's state (paused, next in N s, waiting for checks) is what the teacher needs at a glance, so it is never
/// cut: the lesson's title gives way first (shortened, then left out), then the step's heading.
struct LessonPanelTitle {
    var panel: LessonPanel
    var glyphs: Glyphs
    var palette: Palette

    /// Below this many columns a shortened lesson title says nothing; it is left out instead.
    static let shortestLessonTitle = 12

    /// The title in at most `width` columns (the room a `Box` of width `width + 4` gives its title).
    func line(width: Int) -> Line {
        let separator = " \(glyphs.separator) "
        let kind = panel.autoPlay == nil ? "lesson" : "demo"
        let step = "\(separator)step \(panel.step)/\(panel.steps): "
        let done = panel.finished ? "\(separator)finished" : ""
        let state = stateSpan(separator: separator)
        let tail = TextWidth.columns(of: done) + TextWidth.columns(of: state?.text ?? "")
        let heading = panel.heading
        // "demo: " + lesson title + step + heading + tail
        let titleRoom = width - (kind.count + 2) - TextWidth.columns(of: step) - TextWidth.columns(of: heading) - tail
        var lead = "\(kind): \(panel.lessonTitle)"
        var shownHeading = heading
        if titleRoom < TextWidth.columns(of: panel.lessonTitle) {
            if titleRoom >= Self.shortestLessonTitle {
                lead = "\(kind): " + TextWidth.truncate(panel.lessonTitle, to: titleRoom, ellipsis: glyphs.ellipsis)
            } else {
                lead = kind
                let headingRoom = width - kind.count - TextWidth.columns(of: step) - tail
                shownHeading = TextWidth.truncate(heading, to: max(headingRoom, 1), ellipsis: glyphs.ellipsis)
            }
        }
        var line: Line = [Span(lead, palette.title), Span(step + shownHeading + done, palette.text)]
        if let state { line.append(state) }
        return line
    }

    /// What the script is doing, while the demo has not finished.
    private func stateSpan(separator: String) -> Span? {
        guard let auto = panel.autoPlay, !panel.finished else { return nil }
        if auto.paused { return Span("\(separator)paused (space resumes)", palette.warning) }
        if auto.waitingForChecks { return Span("\(separator)waiting for checks", palette.muted) }
        return Span("\(separator)next in \(auto.secondsLeft) s", palette.muted)
    }
}
