import CafeModel
import TestSupport
import Testing

@testable import Curriculum

/// `barista demo --loop` where it is decided: the lesson driver past the last step. A script with no waits (every
/// time zero) goes on at each frame, so the test needs no clock and no cafés.
@Suite("The demo's loop", .onOwnThreads)
struct DemoLoopTests {
    /// The show without cafés: an empty picture, and every change asked of it kept in order.
    final class Stage: ShowDriver {
        var performed: [ShowAction] = []
        func frame() -> ShowFrame { ShowFrame() }
        func perform(_ action: ShowAction) { performed.append(action) }
    }

    /// Step 1 asks (its door closed until answered); step 2 blocks the async loop and keeps the shop.
    static let lesson = try! LessonParser.parse(
        """
        # Loop
        ## Ask
        ```scenario
        sync: workers=2
        load: rate=10/s
        ```
        ```predict
        How many baristas?
        answer: 2
        ```
        ## Block
        ```scenario
        async: handler=block
        shop: keep
        ```
        """, name: "loop", file: "loop.md")

    static func script(loop: Bool) -> AutoPlay {
        AutoPlay(speed: 1, loop: loop, defaultStepTime: .zero, dwell: .zero, questionBeat: .zero)
    }

    /// Answer step 1, go on to step 2, go past it: three frames.
    static func playThrough(loop: Bool) -> (LessonDriver, Stage, ShowFrame) {
        let stage = Stage()
        let driver = LessonDriver(inner: stage, lesson: lesson, autoPlay: script(loop: loop))
        _ = driver.frame()
        #expect(driver.player.stepIndex == 0 && !driver.player.isAsking, "the script answered step 1")
        _ = driver.frame()
        #expect(driver.player.stepIndex == 1)
        return (driver, stage, driver.frame())
    }

    @Test("with --loop, past the last step the demo starts again at step 1 from a clean slate, its question unanswered")
    func loops() throws {
        let (driver, stage, frame) = Self.playThrough(loop: true)
        #expect(!driver.scriptEnded && !driver.player.finished)
        #expect(driver.player.stepIndex == 0 && driver.player.isAsking, "step 1's question is asked again")
        var firstScene = Self.lesson.scenes[0]
        firstScene.paused = true
        #expect(
            Array(stage.performed.suffix(2)) == [.setScenario(firstScene), .clearShop],
            "step 1's whole scene (the blocking handler undone, the door closed) and empty cafés")
        let panel = try #require(frame.lesson)
        #expect(panel.step == 1 && !panel.finished)
        #expect(panel.prediction?.phase == .asking(typed: ""))
        #expect(driver.records.map(\.number) == [1, 2], "both steps of the first round were recorded")
        _ = driver.frame()
        #expect(!driver.player.isAsking, "and the script plays the second round")
    }

    @Test("without --loop, past the last step the script ends")
    func ends() {
        let (driver, stage, _) = Self.playThrough(loop: false)
        #expect(driver.scriptEnded && driver.player.finished)
        #expect(stage.performed.last != .clearShop)
    }
}
