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

    /// A run on the seed's stack (`--peers python`, or `--peers django` with `apps: .django`) on free ports.
    static func startPeers(apps: PeerStack.Apps = .python, _ scenario: Scenario) throws -> ScenarioRunner {
        var options = ShowOptions(scenario: scenario, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
        let python = (apps == .django ? PeerPython.djangoPath : PeerPython.path) ?? "python3"
        options.peers = PeerStack(python: python, appDirectory: PeerPython.apps, apps: apps)
        return try ScenarioRunner(options: options)
    }

    /// Cups a second over the last five whole seconds of the customers' clock.
    static func rate(_ state: ShowState) -> Double {
        let last = state.servedHistory.samples.suffix(5)
        return last.count == 5 ? last.reduce(0, +) / 5 : 0
    }

    /// Customers a second the generator really sent to a café over the same five seconds (on a starved machine it
    /// can fall behind its plan; the claims are about what the servers did with what they got).
    static func sent(_ state: ShowState) -> Double { state.little?.arrivalsPerSecond ?? 0 }

    /// Waits until nothing of a run's process groups is left (for a `defer`, which cannot await).
    static func gone(_ groups: [Int32], within limit: Duration = .seconds(10)) -> Bool {
        eventuallyBlocking(within: limit, every: .milliseconds(50)) {
            groups.allSatisfy { processes(inGroup: $0).isEmpty }
        }
    }
}
