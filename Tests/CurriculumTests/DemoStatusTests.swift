import CafeModel
import TestSupport
import Testing

@testable import Curriculum

/// The demo's state as the lesson driver puts it in the panel: the screen only draws what it is given.
@Suite("The demo's state in the panel", .onOwnThreads)
struct DemoStatusTests {
    /// A check the empty picture of `DemoLoopTests.Stage` never proves, so the step waits for its verdict.
    static let lesson = try! LessonParser.parse(
        """
        # Wait
        ## Unproven
        ```check
        sync.served_per_s >= 5 within 20s
        ```
        """, name: "wait", file: "wait.md")

    static func status(stepTime: Duration, pause: Bool = false) throws -> LessonPanel.AutoPlayStatus {
        let script = AutoPlay(speed: 1, loop: false, defaultStepTime: stepTime, dwell: .zero, questionBeat: .zero)
        let driver = LessonDriver(inner: DemoLoopTests.Stage(), lesson: lesson, autoPlay: script)
        if pause { driver.perform(.lesson(.pauseScript)) }
        return try #require(driver.frame().lesson?.autoPlay)
    }

    @Test("the step's time is up and its check unresolved: waiting for checks, not 'next in 0 s'")
    func waiting() throws {
        let status = try Self.status(stepTime: .zero)
        #expect(status.secondsLeft == 0 && status.waitingForChecks && !status.paused)
    }

    @Test("time left: not waiting; paused: the pause shows")
    func timeLeftAndPaused() throws {
        let running = try Self.status(stepTime: .seconds(600))
        #expect(running.secondsLeft > 0 && !running.waitingForChecks)
        #expect(try Self.status(stepTime: .seconds(600), pause: true).paused)
    }
}
