import CafeModel

/// What the lesson panel shows of the player's state: the step, its question in its phase, the checks, the
/// measured figure in words and the judgement of the answer. Reads the player; changes nothing.
extension LessonPlayer {
    public func panel(at now: Duration) -> LessonPanel {
        let current = currentStep
        var panel = LessonPanel(
            lessonTitle: lesson.title, step: stepIndex + 1, steps: lesson.steps.count, heading: current.heading,
            narration: current.narration, scroll: step.scroll, finished: finished)
        panel.prediction = current.prediction.map { predictionView($0, at: now) }
        panel.checks = zip(current.checks, step.checks).map { check, progress in
            LessonPanel.CheckView(text: check.text, state: progress.state, seen: progress.seen)
        }
        panel.hint = step.hintShown ? current.hint : nil
        panel.hasHint = current.hint != nil
        if step.changed {
            panel.note = "You changed this step's scene: the checks may not hold now. Press x to start the step again."
        }
        return panel
    }

    private func predictionView(_ prediction: Prediction, at now: Duration) -> LessonPanel.PredictionView {
        let phase: LessonPanel.PredictionView.Phase
        if let answer = step.answer {
            if step.revealed {
                phase = .revealed(
                    answer: answer, measured: measuredWords(prediction), expected: prediction.answer,
                    judgement: Self.judge(answer, measured: step.measured, prediction: prediction),
                    explanation: prediction.explanation)
            } else {
                let end = (step.answeredAt ?? now) + prediction.after + prediction.over
                let left = max(Int(((end - now).milliseconds / 1000).rounded(.up)), 0)
                phase = .measuring(answer: answer, secondsLeft: left)
            }
        } else {
            phase = .asking(typed: step.typed)
        }
        return LessonPanel.PredictionView(question: prediction.question, choices: prediction.choices, phase: phase)
    }

    /// The measured figure in words: "39.2/s"; for a choice the comparison of both cafés, "sync p50 3365ms vs async
    /// 110ms: sync's is 31× async's". Nil when the window held no figure; empty when the question measures nothing.
    private func measuredWords(_ prediction: Prediction) -> String? {
        guard let metric = prediction.measure else { return "" }
        guard let value = step.measured else { return nil }
        let own = Metric.format(value, metric.name)
        guard !prediction.choices.isEmpty, let cafe = metric.cafe, let otherCafe = Self.otherCafe(metric)?.cafe,
            let otherValue = step.measuredOther
        else { return prediction.choices.isEmpty ? own : "\(metric) \(own)" }
        // "p50", "served", "loop_lag": the unit is on the figure.
        let name = metric.name.rawValue.replacing("_per_s", with: "").replacing("_ms", with: "")
        var words = "\(cafe.rawValue) \(name) \(own) vs \(otherCafe.rawValue) \(Metric.format(otherValue, metric.name))"
        let (high, low) = value >= otherValue ? (cafe, otherCafe) : (otherCafe, cafe)
        let ratio = max(value, otherValue) / max(min(value, otherValue), .leastNonzeroMagnitude)
        if min(value, otherValue) > 0, ratio >= 1.15 {
            words += ": \(high.rawValue)'s is \(Self.factor(ratio)) \(low.rawValue)'s"
        } else if min(value, otherValue) > 0 {
            words += ": about the same"
        }
        return words
    }

    /// "2×", "31×", "1.5×".
    static func factor(_ ratio: Double) -> String {
        ratio >= 10
            ? "\(Int(ratio.rounded()))×" : "\(Double(Int((ratio * 10).rounded())) / 10)×".replacing(".0×", with: "×")
    }

    /// A number against the measurement, within `PredictionView.tolerance`; a choice against the lesson's answer.
    static func judge(
        _ answer: String, measured: Double?, prediction: Prediction
    ) -> LessonPanel.PredictionView.Judgement {
        guard prediction.choices.isEmpty else { return .choice(matches: answer == prediction.answer) }
        guard let value = Double(answer), let truth = measured else { return .unmeasured }
        let off = abs(value - truth)
        // Near zero a percentage means nothing: within half a unit is close.
        if off <= max(LessonPanel.PredictionView.tolerance * abs(truth), 0.5) {
            return .close(percent: truth == 0 ? 0 : Int((100 * off / abs(truth)).rounded()))
        }
        let ratio = max(abs(value), abs(truth)) / max(min(abs(value), abs(truth)), .leastNonzeroMagnitude)
        if ratio >= 2, min(abs(value), abs(truth)) > 0 { return .off(factor(ratio)) }
        return .off(truth == 0 ? "\(Int(off.rounded()))" : "\(Int((100 * off / abs(truth)).rounded()))%")
    }
}
