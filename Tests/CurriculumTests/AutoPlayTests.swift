import CafeModel
import TestSupport
import Testing

@testable import Curriculum

/// The demo's script as a pure value: when it answers, when it goes on, and how pausing stops its clock.
@Suite("The demo's script", .onOwnThreads)
struct AutoPlayTests {
    static let lesson = try! LessonParser.parse(
        """
        # Script
        ## Ask
        <!-- auto: 30s -->
        ```predict
        How many?
        answer: 40
        ```
        ```check
        sync.served_per_s >= 34 within 20s
        ```
        ## Watch
        <!-- auto: 10s -->
        Nothing to check here.
        """, name: "script", file: "script.md")

    static func frame(_ served: Double) -> ShowFrame {
        var frame = ShowFrame()
        frame.sync.servedPerSecond = served
        return frame
    }

    @Test("the question shows for a beat, then the script answers it")
    func answers() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        var script = AutoPlay.demo()
        script.entered(at: .zero)
        #expect(script.decide(player, at: .seconds(1)) == .wait)
        #expect(script.decide(player, at: .seconds(3)) == .answer)
        var fast = AutoPlay.demo(speed: 3)
        fast.entered(at: .zero)
        #expect(fast.decide(player, at: .seconds(1)) == .answer, "three times faster")
    }

    @Test("all checks passed: on after the dwell, long before the step's 30 s; a step without checks stays its time")
    func advances() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        var script = AutoPlay.demo()
        script.entered(at: .zero)
        _ = player.answer("40", at: .seconds(3))
        for second in 3...6 { _ = player.update(.frame(Self.frame(40)), at: .seconds(second)) }
        #expect(player.allChecksPassed)
        #expect(script.decide(player, at: .seconds(6)) == .wait, "the dwell starts now")
        #expect(script.decide(player, at: .seconds(10)) == .advance, "4 s of dwell")
        _ = player.update(.key(.next), at: .seconds(10))
        script.entered(at: .seconds(10))
        #expect(script.decide(player, at: .seconds(15)) == .wait)
        #expect(script.decide(player, at: .seconds(20)) == .advance, "its auto time: 10 s")
    }

    @Test("a failing check is never cut short: the step waits for its verdict, then goes on at its time")
    func waitsForVerdict() {
        var player = LessonPlayer(lesson: Self.lesson)
        _ = player.start(at: .zero)
        var script = AutoPlay.demo(speed: 10)  // 3 s of script for this step
        script.entered(at: .zero)
        _ = player.answer("40", at: .zero)
        _ = player.update(.frame(Self.frame(5)), at: .seconds(5))
        #expect(script.decide(player, at: .seconds(5)) == .wait, "the check still has time")
        _ = player.update(.frame(Self.frame(5)), at: .seconds(21))
        #expect(player.checkStates == [.failed])
        #expect(script.decide(player, at: .seconds(21)) == .advance)
    }

    @Test("pause stops the script's clock; resuming shifts it by the pause")
    func pause() {
        var player = LessonPlayer(lesson: Self.lesson, startStep: 1)
        _ = player.start(at: .zero)
        var script = AutoPlay.demo()
        script.entered(at: .zero)
        script.togglePause(at: .seconds(4))
        #expect(script.paused && script.decide(player, at: .seconds(30)) == .wait)
        #expect(script.secondsLeft(player.currentStep, at: .seconds(30)) == 6, "frozen at the pause")
        script.togglePause(at: .seconds(30))
        #expect(script.decide(player, at: .seconds(35)) == .wait, "9 s of script so far")
        #expect(script.decide(player, at: .seconds(36)) == .advance)
    }
}
