import CafeModel
import TestSupport
import Testing

@testable import Dashboard

/// The lesson panel's verdict and keys, drawn: what it judges is said in words, the checks are marked apart, and a
/// step without a hint offers no `h`.
@Suite("The lesson panel's verdict", .onOwnThreads)
struct LessonVerdictTests {
    static func text(_ panel: LessonPanel, width: Int = 120, height: Int = 40) -> String {
        var frame = SampleFrames.saturatedSync
        frame.lesson = panel
        return screen(frame, width: width, height: height).joined(separator: "\n")
    }

    static func panel(
        _ phase: LessonPanel.PredictionView.Phase, checks: [LessonPanel.CheckState] = [.passed, .passed]
    )
        -> LessonPanel
    {
        LessonPanel(
            lessonTitle: "T", step: 1, steps: 2, heading: "H", narration: "Words.",
            prediction: .init(question: "How many cups?", phase: phase),
            checks: checks.enumerated().map {
                .init(text: "sync.served_per_s >= \(30 + $0.offset) within 15s", state: $0.element)
            })
    }

    @Test("a number off the measurement is marked ✗ beside its own verdict, with the tolerance, the checks apart")
    func offByTwenty() {
        let text = Self.text(
            Self.panel(
                .revealed(
                    answer: "45", measured: "37.4/s", expected: "40", judgement: .off("20%"), explanation: "Because.")))
        #expect(
            text.contains(
                "you said 45 · measured 37.4/s · ✗ yours is off by 20% (close is within 15%) · the lesson's answer: 40")
        )
        #expect(text.contains("the step's checks: 2 of 2 passed ✓"))
    }

    @Test("nothing measured is never a ✓; a question that measures nothing claims no figure")
    func unmeasured() {
        let nothing = Self.text(
            Self.panel(
                .revealed(
                    answer: "40", measured: nil, expected: "40", judgement: .unmeasured, explanation: "")))
        #expect(
            nothing.contains("you said 40 · measured nothing in the window · yours is nothing measured to judge it by"))
        #expect(!nothing.contains("measured no figure yet"))
        let choice = Self.text(
            Self.panel(
                .revealed(
                    answer: "sync", measured: "", expected: "sync", judgement: .choice(matches: true), explanation: ""))
        )
        #expect(choice.contains("you said sync · the lesson's answer: sync ✓ the lesson's answer too"))
        #expect(!choice.contains("measured"))
    }

    @Test("a failed check is said apart from the answer's verdict")
    func failedCheck() {
        let text = Self.text(
            Self.panel(
                .revealed(
                    answer: "40", measured: "40.0/s", expected: "40", judgement: .close(percent: 0), explanation: ""),
                checks: [.passed, .failed]))
        #expect(text.contains("✓ yours is close: 0% off (within 15%)"))
        #expect(text.contains("the step's checks: 1 of 2 failed ✗"))
    }

    @Test("at 80×24 the question, the verdict and every check's mark stay on screen")
    func smallScreen() {
        let text = Self.text(
            Self.panel(
                .revealed(
                    answer: "45", measured: "37.4/s", expected: "40", judgement: .off("20%"),
                    explanation:
                        "4 baristas ÷ 0.1 s = 40 cups/s, whatever is offered; the other 20 a second join the line.")),
            width: 80, height: 24)
        #expect(text.contains("? How many cups?"), "\(text)")
        #expect(text.contains("you said 45 · measured 37.4/s"), "\(text)")
        #expect(text.contains("checks ✓ ✓"), "the folded checks mark each one: \(text)")
    }

    @Test("a step without a hint shows no h key; one with a hint does")
    func hintKey() {
        var panel = Self.panel(.asking(typed: ""))
        panel.hasHint = false
        #expect(!Self.text(panel).contains("[h] hint"))
        panel.hasHint = true
        #expect(Self.text(panel).contains("[h] hint"))
    }
}
