import CafeModel
import TestSupport
import Testing

@testable import Curriculum

@Suite("A step's record", .onOwnThreads)
struct StepWindowTests {
    @Test("the summary's served/s covers the step's own seconds, not the last second's Poisson swing")
    func stepWindow() throws {
        var recorder = StepRecorder()
        recorder.begin(Step(heading: "twenty a second"), number: 1, at: .zero)
        var frame = ShowFrame(scenario: Scenario(ratePerSecond: 20))
        for second in 0...10 {
            frame.sync.served = 20 * second
            frame.async.served = 20 * second
            // The one-second figure swings (33/s) while twenty a second are served over the step.
            frame.sync.servedPerSecond = 33
            frame.async.servedPerSecond = 33
            recorder.sample(frame, at: .seconds(second))
        }
        let panel = LessonPanel(lessonTitle: "t", step: 1, steps: 1, heading: "h", narration: "")
        let finished = recorder.finish(panel, frame: frame)
        let record = try #require(finished)
        #expect(record.windowSeconds == 10)
        #expect(record.end.sync.servedPerSecond == 20 && record.end.async.servedPerSecond == 20)
        #expect(record.offeredPerSecond == 20)
    }
}
