import CafeHTTP
import Foundation
import Synchronization

/// Sends many customers at once, each on its own thread and connection, and collects their replies.
public enum Customers {
    public struct Outcome: Sendable {
        public var replies: [Result<OneShotClient.Reply, OneShotClient.Failure>]
        public var elapsed: Duration

        public var succeeded: Int {
            replies.filter { if case .success(let reply) = $0 { reply.status == 200 } else { false } }.count
        }
    }

    /// `count` customers order `path` at the same moment; returns when all are answered (or failed).
    public static func order(
        _ count: Int, path: String, port: Int, timeout: Duration = .seconds(30)
    ) -> Outcome {
        let results = LockedArray<Result<OneShotClient.Reply, OneShotClient.Failure>>()
        let group = DispatchGroup()
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                let client = OneShotClient(port: port, timeout: timeout)
                let result = Result { () throws(OneShotClient.Failure) in
                    try client.get(path, headers: ["X-Customer-Id": String(index)])
                }
                results.append(result)
                group.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        group.wait()
        return Outcome(replies: results.values, elapsed: start.duration(to: clock.now))
    }

    /// The same for an async test: the customers' threads do the waiting, the test only polls.
    public static func order(
        _ count: Int, path: String, port: Int, timeout: Duration = .seconds(30)
    ) async -> Outcome {
        await orderInBackground(count, path: path, port: port, timeout: timeout).value
    }

    /// The same, on a background thread, so a test can look at the café while the customers wait.
    public static func orderInBackground(
        _ count: Int, path: String, port: Int, timeout: Duration = .seconds(30)
    ) -> BackgroundWork<Outcome> {
        BackgroundWork { order(count, path: path, port: port, timeout: timeout) }
    }
}

/// An array that many threads append to.
final class LockedArray<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])
    func append(_ element: Element) { storage.withLock { $0.append(element) } }
    var values: [Element] { storage.withLock { $0 } }
}
