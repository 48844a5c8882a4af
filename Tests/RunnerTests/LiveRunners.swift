import CafeModel
import Foundation
import Runner
import Testing

/// The suites that run child cafés with their customers, one at a time (see `LiveShows` in the end-to-end tests):
/// their figures are real, so they must not starve each other of the two cores.
@Suite(.serialized)
enum LiveRunners {
    /// Frames until `condition` holds (up to `timeout`), as the screen would take them.
    static func frame(of runner: ScenarioRunner, timeout: Duration = .seconds(30), until condition: (ShowFrame) -> Bool)
        -> ShowFrame
    {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var frame = runner.frame()
        while !condition(frame) && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            frame = runner.frame()
        }
        return frame
    }
}
