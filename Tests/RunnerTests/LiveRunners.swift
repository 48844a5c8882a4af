import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

/// The suites that run child cafés with their customers, one at a time (see `LiveShows` in the end-to-end tests):
/// their figures are real, so they must not starve each other of the two cores.
@Suite(.serialized, .onOwnThreads)
enum LiveRunners {
    /// Frames until `condition` holds (up to `timeout`), as the screen would take them.
    static func frame(
        of runner: ScenarioRunner, timeout: Duration = .seconds(30), until condition: (ShowFrame) -> Bool
    ) async -> ShowFrame {
        await eventually(within: timeout, every: .milliseconds(50), { runner.frame() }, until: condition)
    }

    /// Waits until nothing of a run's process groups is left (for a `defer`, which cannot await).
    static func gone(_ groups: [Int32], within limit: Duration = .seconds(10)) -> Bool {
        eventuallyBlocking(within: limit, every: .milliseconds(50)) {
            groups.allSatisfy { processes(inGroup: $0).isEmpty }
        }
    }
}
