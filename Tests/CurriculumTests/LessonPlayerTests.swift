import CafeModel
import Foundation
import TestSupport
import Testing

@testable import Curriculum

/// The lesson player as a pure state machine: keys, frames and time in; scenes, clean slates and step results out.
@Suite("The lesson player", .onOwnThreads)
struct LessonPlayerTests {
    static let lesson = try! LessonParser.parse(
        """
        # Two steps
        ## Waiting baristas
        ```scenario
        sync: workers=4
        load: rate=60/s
        ```
        Sixty a second.
        ```predict
        How many cups per second will the sync café serve?
        measure: sync.served_per_s over 2s after 1s
        answer: 40
        ---
        4 ÷ 0.1 s.
        ```
        ```check
        sync.served_per_s >= 34 within 10s
        ```
        ```hint
        Count the baristas.
        ```
        ## Blocking
        ```scenario
        async: handler=block
        shop: keep
        ```
        ```check
        async.loop_lag_ms >= 50 within 5s hold 1s
        ```
        """, name: "two", file: "two.md")

    static func frame(syncServed: Double = 40, lag: Double = 0) -> ShowFrame {
        var frame = ShowFrame()
        frame.sync.servedPerSecond = syncServed
        frame.async.loops = [.init(state: .idle, lagMs: lag)]
        return frame
    }

    @Test("the first step: its scene with the door closed until the answer, then a clean slate")
    func start() {
        var player = LessonPlayer(lesson: Self.lesson)
        let effects = player.start(at: .zero)
        var scene = Self.lesson.scenes[0]
        scene.paused = true
        #expect(effects == [.perform(.setScenario(scene)), .perform(.clearShop)])
        #expect(player.isAsking)
        #expect(player.panel(at: .zero).prediction?.phase == .asking(typed: ""))
    }

    @Test("typing an answer, Enter: the door opens; the figure is measured over its window, then revealed")
    func predictThenSee() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        for character in "4a5" { _ = player.update(.key(.type(character)), at: .seconds(1)) }
        _ = player.update(.key(.erase), at: .seconds(1))
        _ = player.update(.key(.type("0")), at: .seconds(1))
        #expect(player.panel(at: .seconds(1)).prediction?.phase == .asking(typed: "40"), "letters are not typed")
        let effects = player.update(.key(.enter), at: .seconds(2))
        #expect(effects == [.answered(step: 1, answer: "40"), .perform(.setPaused(false))])
        // Before `after` nothing counts; then two seconds of 38 and 42 average to 40.
        _ = player.update(.frame(Self.frame(syncServed: 0)), at: .milliseconds(2500))
        _ = player.update(.frame(Self.frame(syncServed: 38)), at: .milliseconds(3500))
        _ = player.update(.frame(Self.frame(syncServed: 42)), at: .milliseconds(4500))
        #expect(player.panel(at: .milliseconds(4500)).prediction?.phase == .measuring(answer: "40", secondsLeft: 1))
        _ = player.update(.frame(Self.frame(syncServed: 40)), at: .seconds(5))
        #expect(player.measured == 40)
        #expect(
            player.panel(at: .seconds(5)).prediction?.phase
                == .revealed(
                    answer: "40", measured: "40.0/s", expected: "40", judgement: .close(percent: 0),
                    explanation: "4 ÷ 0.1 s."))
    }

    @Test("a check passes once it has held for a second without a break, and the step reports done")
    func checkHolds() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        _ = player.answer("40", at: .zero)
        _ = player.update(.frame(Self.frame(syncServed: 36)), at: .milliseconds(200))
        _ = player.update(.frame(Self.frame(syncServed: 20)), at: .milliseconds(700))  // a break: start again
        _ = player.update(.frame(Self.frame(syncServed: 36)), at: .milliseconds(900))
        #expect(player.checkStates == [.waiting])
        var done: [LessonPlayer.Effect] = []
        for tenth in 10...40 {
            done += player.update(.frame(Self.frame(syncServed: 36)), at: .milliseconds(100 * tenth))
        }
        #expect(player.checkStates == [.passed])
        #expect(done == [.stepDone(step: 1, passed: true)], "done once, when the question is revealed too")
    }

    @Test("a check whose time runs out fails, with what was seen")
    func checkFails() {
        var player = LessonPlayer(lesson: Self.lesson, startStep: 1)
        _ = player.start(at: .zero)
        var effects: [LessonPlayer.Effect] = []
        for second in 0...6 { effects += player.update(.frame(Self.frame(lag: 3)), at: .seconds(second)) }
        #expect(player.checkStates == [.failed])
        #expect(effects == [.stepDone(step: 2, passed: false)])
        #expect(player.panel(at: .seconds(6)).checks.first?.seen == "saw 3ms")
    }

    @Test("next, back and restart enter steps with their scenes; a kept shop is not cleared; past the end, finished")
    func navigation() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        let next = player.update(.key(.next), at: .seconds(1))
        #expect(player.stepIndex == 1)
        #expect(
            next == [.perform(.setScenario(Self.lesson.scenes[1]))],
            "shop: keep, no question: no clean slate, door open")
        #expect(player.update(.key(.next), at: .seconds(2)) == [.lessonFinished])
        #expect(player.finished && player.panel(at: .seconds(2)).finished)
        _ = player.update(.key(.back), at: .seconds(3))
        #expect(player.stepIndex == 0 && !player.finished && player.isAsking)
        _ = player.update(.key(.type("7")), at: .seconds(3))
        let restart = player.update(.key(.restart), at: .seconds(4))
        #expect(restart.contains(.perform(.clearShop)))
        #expect(player.panel(at: .seconds(4)).prediction?.phase == .asking(typed: ""), "a restart forgets the typing")
        #expect(player.update(.key(.back), at: .seconds(5)) == [], "nothing before the first step")
    }

    @Test("the hint on h; a note when the student changes the scene; scrolling never goes above the top")
    func hintNoteScroll() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        #expect(player.panel(at: .zero).hint == nil)
        _ = player.update(.key(.hint), at: .zero)
        #expect(player.panel(at: .zero).hint == "Count the baristas.")
        _ = player.update(.sceneChanged(.rateUp), at: .zero)
        #expect(
            player.panel(at: .zero).note?.contains("press x") == true
                || player.panel(at: .zero).note?.contains("Press x") == true)
        _ = player.update(.key(.scrollUp), at: .zero)
        #expect(player.panel(at: .zero).scroll == 0)
        _ = player.update(.key(.scrollDown), at: .zero)
        #expect(player.panel(at: .zero).scroll == 1)
    }

    @Test("a choice is typed by its number and is close only when it is the lesson's")
    func choices() throws {
        let lesson = try LessonParser.parse(
            "# C\n## S\n```predict\nWhich café's line grows?\nchoices: sync | async\nanswer: sync\n```",
            name: "c", file: "c.md")
        var player = LessonPlayer(lesson: lesson)
        _ = player.start(at: .zero)
        _ = player.update(.key(.type("3")), at: .zero)
        _ = player.update(.key(.type("2")), at: .zero)
        _ = player.update(.key(.enter), at: .zero)
        guard
            case .revealed(let answer, let measured, let expected, let judgement, _)? = player.panel(at: .zero)
                .prediction?.phase
        else {
            Issue.record("a question without a measure is revealed at once")
            return
        }
        #expect(answer == "async" && expected == "sync" && judgement == .choice(matches: false))
        #expect(measured == "", "the question measures nothing: no figure is claimed")
    }

    @Test(
        "a number is judged against the measurement within 15 %, never against the lesson's answer",
        arguments: [
            ("38", 40.0, LessonPanel.PredictionView.Judgement.close(percent: 5)),
            ("34", 40.0, .close(percent: 15)),
            ("33", 40.0, .off("18%")),
            ("5", 6.0, .off("17%")),
            ("10", 40.0, .off("4×")),
            ("80", 40.0, .off("2×")),
            ("0", 0.2, .close(percent: 100)),
        ])
    func judged(answer: String, measured: Double, expected: LessonPanel.PredictionView.Judgement) {
        let prediction = Prediction(question: "?", answer: "6", measure: Metric(cafe: .sync, name: .servedPerSecond))
        #expect(LessonPlayer.judge(answer, measured: measured, prediction: prediction) == expected)
        #expect(LessonPlayer.judge(answer, measured: nil, prediction: prediction) == .unmeasured)
    }

    @Test("the verdict names its tolerance, and nothing measured is never a ✓")
    func judgementWords() {
        #expect(LessonPanel.PredictionView.Judgement.close(percent: 3).words == "close: 3% off (within 15%)")
        #expect(LessonPanel.PredictionView.Judgement.off("2×").words.contains("off by 2×"))
        #expect(LessonPanel.PredictionView.Judgement.unmeasured.isGood == nil)
    }

    @Test("a choice question shows the comparison it measured, both cafés in words")
    func choiceComparison() throws {
        let lesson = try LessonParser.parse(
            "# C\n## S\n```predict\nWhich café waits longer?\nchoices: sync | async\nmeasure: sync.p50_ms over 1s after 0s\n"
                + "answer: sync\n```", name: "c", file: "c.md")
        var player = LessonPlayer(lesson: lesson)
        _ = player.start(at: .zero)
        _ = player.answer("sync", at: .zero)
        var frame = ShowFrame()
        frame.sync.waitP50Ms = 3100
        frame.async.waitP50Ms = 100
        _ = player.update(.frame(frame), at: .milliseconds(500))
        _ = player.update(.frame(frame), at: .seconds(1))
        guard case .revealed(_, let measured, _, let judgement, _)? = player.panel(at: .seconds(1)).prediction?.phase
        else {
            Issue.record("revealed after its window")
            return
        }
        #expect(measured == "sync p50 3100ms vs async 100ms: sync's is 31× async's")
        #expect(judgement == .choice(matches: true))
    }

    @Test("a step without a hint offers none: no text made up for it")
    func noHint() {
        var player = LessonPlayer(lesson: Self.lesson, startStep: 1)
        _ = player.start(at: .zero)
        _ = player.update(.key(.hint), at: .zero)
        let panel = player.panel(at: .zero)
        #expect(panel.hint == nil)
        #expect(!panel.hasHint)
        #expect(LessonPlayer(lesson: Self.lesson).panel(at: .zero).hasHint, "the first step has one")
    }
}

@Suite("Lesson progress", .onOwnThreads)
struct LessonProgressTests {
    @Test("finished steps and answers are saved under the state folder and read back; reset forgets them")
    func saved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barista-progress-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(LessonProgress.defaultFile(environment: ["XDG_STATE_HOME": folder.path]))
        #expect(file.path.hasSuffix("barista/progress.json"))
        let progress = LessonProgress(file: file)
        progress.update("sync") {
            $0.stepCount = 2
            $0.finishedSteps = [1, 2]
            $0.answers[1] = "40"
        }
        let again = LessonProgress(file: file)
        #expect(again.record(for: "sync").isFinished && again.record(for: "sync").answers[1] == "40")
        again.reset()
        #expect(!LessonProgress(file: file).record(for: "sync").isFinished)
    }

    @Test("a home that cannot be written warns once and the lesson goes on")
    func unwritable() {
        let progress = LessonProgress(file: URL(fileURLWithPath: "/proc/barista/progress.json"))
        progress.update("sync") { $0.stepCount = 3 }
        #expect(progress.warning?.contains("not saved") == true)
        #expect(progress.record(for: "sync").stepCount == 3, "kept in memory all the same")
        #expect(LessonProgress.defaultFile(environment: [:]) == nil)
    }
}
