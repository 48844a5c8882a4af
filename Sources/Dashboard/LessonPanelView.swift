import CafeModel
import TerminalUI

/// The lesson panel at the foot of the screen: the step's words (scrolled when longer than the room), the
/// question and what became of the answer, each check with its state, the hint, a note, and the lesson keys.
/// When rows are short the words give way first (scrolled, with ↓ more), the keys and the question never.
struct LessonPanelView: Widget {
    var panel: LessonPanel
    var glyphs: Glyphs
    var palette: Palette

    /// The rows inside the box that are not the step's words: question, checks (folded into one row when
    /// `foldChecks`), hint, note, keys.
    func fixedLines(width: Int, foldChecks: Bool = false) -> [Line] {
        var lines: [Line] = []
        // Folded, the checks' row already marks each check: the verdict's own checks line gives way to it.
        if let prediction = panel.prediction {
            lines += predictionLines(prediction, width: width, checksLine: !(foldChecks && panel.checks.count > 1))
        }
        if panel.isAsking && !panel.checks.isEmpty {
            // The checks' figures would answer the question: they wait for the student's answer too.
            let count = NumberText.plural(panel.checks.count, "check")
            lines.append([
                Span(glyphs.ellipsis, palette.muted), Span(" \(count), shown once you answer", palette.muted),
            ])
        } else if foldChecks && panel.checks.count > 1 {
            lines.append(foldedChecks)
        } else {
            lines += panel.checks.map(checkLine)
        }
        if let hint = panel.hint {
            lines += Paragraph.wrap(
                [Span("hint ", palette.label), Span(glyphs.plain(hint), palette.text)], width: width)
        }
        if let note = panel.note { lines += Paragraph.wrap([Span(glyphs.plain(note), palette.warning)], width: width) }
        lines.append(keysLine)
        return lines
    }

    /// The step's words wrapped to `width`.
    func narrationLines(width: Int) -> [Line] {
        Paragraph(glyphs.plain(panel.narration), style: palette.text).lines.flatMap { Paragraph.wrap($0, width: width) }
    }

    /// Rows the panel would like inside its box: all its words and the rest.
    func preferredRows(width: Int) -> Int { narrationLines(width: width).count + fixedLines(width: width).count }

    /// The title for a box `boxWidth` wide: the demo's state always whole, the lesson's title shortened first.
    func title(boxWidth: Int) -> Line {
        LessonPanelTitle(panel: panel, glyphs: glyphs, palette: palette).line(width: boxWidth - 4)
    }

    func render(into canvas: inout Canvas, area: Rect) {
        guard area.height >= 3 else { return }
        Box(title: title(boxWidth: area.width), borderStyle: palette.key, glyphs: glyphs).render(
            into: &canvas, area: area)
        let inner = Box.inner(of: area).inset(horizontal: 1, vertical: 0)
        let words = narrationLines(width: inner.width)
        var fixed = fixedLines(width: inner.width)
        // Too few rows for two lines of words: the checks fold into one line before anything else gives way.
        if fixed.count + min(words.count, 2) > inner.height { fixed = fixedLines(width: inner.width, foldChecks: true) }
        let wordsRoom = max(inner.height - fixed.count, 0)
        let first = min(panel.scroll, max(words.count - wordsRoom, 0))
        var y = inner.y
        for line in words.dropFirst(first).prefix(wordsRoom) {
            canvas.write(line, x: inner.x, y: y, maxWidth: inner.width)
            y += 1
        }
        // Words left below: the box's bottom edge says so, where it cuts no word.
        if words.count - first > wordsRoom && wordsRoom > 0 {
            let more = " \(glyphs.isUnicode ? "↓" : "v") more (\(glyphs.isUnicode ? "↑↓" : "up/down") scroll) "
            canvas.write(more, x: area.right - more.count - 2, y: area.bottom - 1, style: palette.key)
        }
        y = inner.bottom - min(fixed.count, inner.height)
        for line in fixed.suffix(inner.height) {
            canvas.write(line, x: inner.x, y: y, maxWidth: inner.width)
            y += 1
        }
    }

    private func predictionLines(_ prediction: LessonPanel.PredictionView, width: Int, checksLine: Bool) -> [Line] {
        var lines = Paragraph.wrap(
            [Span("? ", palette.key), Span(glyphs.plain(prediction.question), palette.title)], width: width)
        if !prediction.choices.isEmpty {
            let choices = prediction.choices.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(
                separator: "   ")
            lines.append([Span("  " + choices, palette.text)])
        }
        switch prediction.phase {
        case .asking(let typed):
            let shown = prediction.choices.isEmpty ? typed : (Int(typed).map { prediction.choices[$0 - 1] } ?? "")
            lines.append([
                Span("  your answer: ", palette.label), Span(shown + "_", palette.ticker.bolded),
                Span("   Enter commits it; the door opens then", palette.muted),
            ])
        case .measuring(let answer, let secondsLeft):
            lines.append([
                Span("  you said \(answer)", palette.ticker),
                Span(" \(glyphs.separator) measuring the cafés… \(secondsLeft) s", palette.muted),
            ])
        case .revealed(let answer, let measured, let expected, let judgement, let explanation):
            // The answer is judged against what the cafés did, within a stated tolerance; the checks are marked on
            // a line of their own, so a ✓ never reads as "your answer was right" when it was the checks'.
            let dot = " \(glyphs.separator) "
            var result: Line = [Span("  you said \(answer)", palette.ticker)]
            if measured != "" {
                result.append(Span(dot + "measured " + (measured ?? "nothing in the window"), palette.served.bolded))
            }
            // The mark stands right before the words it marks: the answer's verdict, not the lesson's answer.
            let mark =
                judgement.isGood.map { good in
                    [Span(good ? glyphs.check : glyphs.walkedOut, good ? palette.calm : palette.warning), Span(" ")]
                } ?? []
            if case .choice = judgement {
                result.append(Span(dot + "the lesson's answer: \(expected) ", palette.text))
                result += mark + [Span(judgement.words, palette.text)]
            } else {
                result.append(Span(dot, palette.text))
                result += mark + [Span("yours is " + judgement.words, palette.text)]
                result.append(Span(dot + "the lesson's answer: \(expected)", palette.text))
            }
            lines += Paragraph.wrap(result, width: width)
            if checksLine, let checks = checksSummary { lines.append(checks) }
            if !explanation.isEmpty {
                lines += Paragraph.wrap([Span("  " + glyphs.plain(explanation), palette.muted)], width: width)
            }
        }
        return lines
    }

    private func mark(_ state: LessonPanel.CheckState) -> Span {
        switch state {
        case .waiting: return Span(glyphs.ellipsis, palette.muted)
        case .passed: return Span(glyphs.check, palette.calm)
        case .failed: return Span(glyphs.walkedOut, palette.warning)
        }
    }

    private func checkLine(_ check: LessonPanel.CheckView) -> Line {
        var line: Line = [
            mark(check.state), Span(" " + check.text, check.state == .failed ? palette.warning : palette.text),
        ]
        if let seen = check.seen, check.state != .passed { line.append(Span("   (\(seen))", palette.muted)) }
        return line
    }

    /// "  the step's checks: 2 of 2 passed ✓", beside the verdict on the answer.
    private var checksSummary: Line? {
        guard !panel.checks.isEmpty else { return nil }
        let passed = panel.checks.filter { $0.state == .passed }.count
        let failed = panel.checks.filter { $0.state == .failed }.count
        let total = panel.checks.count
        if failed > 0 {
            return [
                Span("  the step's checks: \(failed) of \(total) failed ", palette.warning),
                Span(glyphs.walkedOut, palette.warning),
            ]
        }
        if passed == total {
            return [
                Span("  the step's checks: \(passed) of \(total) passed ", palette.text),
                Span(glyphs.check, palette.calm),
            ]
        }
        return [Span("  the step's checks: \(passed) of \(total) passed so far", palette.muted)]
    }

    /// "checks ✓ ✓ … ✗" when there is no room for one row each.
    private var foldedChecks: Line {
        [Span("checks ", palette.label)] + panel.checks.flatMap { [mark($0.state), Span(" ")] }
    }

    private var keysLine: Line {
        var line: Line = []
        let bindings = panel.autoPlay == nil ? KeyMap.lessonBindings : KeyMap.demoBindings
        let paused = panel.autoPlay?.paused == true
        // A step without a hint offers no `h`.
        let offered = bindings.filter { panel.hasHint || $0.keys != "h" }
        for binding in offered + [KeyMap.Binding(keys: "q", help: "", footer: "quit")] {
            line.append(Span("[\(binding.keys.replacing(" / ", with: "/"))]", palette.key))
            // While the script is paused, space resumes it: the keys say so, in the warning colour of the title.
            let resumes = paused && binding.keys == "space"
            line.append(
                Span(" \(resumes ? "resume script" : binding.footer)  ", resumes ? palette.warning : palette.muted))
        }
        return line
    }
}
