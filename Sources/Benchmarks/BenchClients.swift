import CafeHTTP
import Foundation
import Synchronization

/// Load for the bench commands: closed-loop customers on threads (each orders again the moment it is
/// served, a new connection each time).
enum BenchClients {
    struct Measurement {
        var completed: Int
        var failed: Int
        var seconds: Double
        var perSecond: Double { Double(completed) / seconds }
    }

    /// `concurrency` customers order `path` back to back; counts cups finished inside the measured window
    /// (after `warmUp`), so start-up does not dilute the rate.
    static func closedLoop(
        port: Int, path: String, concurrency: Int, warmUp: Duration, measure: Duration
    ) -> Measurement {
        let clock = ContinuousClock()
        let windowStart = clock.now.advanced(by: warmUp)
        let windowEnd = windowStart.advanced(by: measure)
        let tally = Mutex((completed: 0, failed: 0))
        let done = DispatchGroup()
        for _ in 0..<concurrency {
            done.enter()
            let thread = Thread {
                let client = OneShotClient(port: port, timeout: .seconds(30))
                while clock.now < windowEnd {
                    let result = Result { () throws(OneShotClient.Failure) in try client.get(path) }
                    let finished = clock.now
                    guard finished >= windowStart && finished < windowEnd else { continue }
                    let ok = (try? result.get().status) == 200
                    tally.withLock { ok ? ($0.completed += 1) : ($0.failed += 1) }
                }
                done.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        done.wait()
        let (completed, failed) = tally.withLock { $0 }
        return Measurement(completed: completed, failed: failed, seconds: measure.milliseconds / 1000)
    }

    /// A row of the bench table: what, measured, the yardstick, and their ratio.
    static func row(_ label: String, measured: Double, yardstick: Double, target: String) -> String {
        let ratio = yardstick > 0 ? measured / yardstick : 0
        return label.padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "%10.1f %12.1f %8.3f   %@", measured, yardstick, ratio, target)
    }

    static let header =
        "scenario".padding(toLength: 44, withPad: " ", startingAt: 0)
        + "     req/s    yardstick    ratio   target"
}
