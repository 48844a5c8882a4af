import CafeHTTP
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The probe of issue 19, run the same way on barista's async café and on `gunicorn -k uvicorn_worker.UvicornWorker
/// -w 2`: one customer's long blocking brew stalls one loop (worker); then ten short orders arrive at once, each on
/// its own connection and thread, and each one's wait is measured. With one shared door the free loop takes them all;
/// dealt out round robin (or hashed onto one queue per loop), about half would wait for the long brew.
public enum BlockedLoopProbe {
    public struct Outcome: Sendable {
        /// The long brew's status (nil: no answer).
        public var blockerStatus: Int?
        /// Each short order's status and wait, in the order they were sent.
        public var statuses: [Int?]
        public var waits: [Duration]

        /// Short orders answered 200 within `limit`.
        public func served(within limit: Duration) -> Int {
            zip(statuses, waits).filter { $0.0 == 200 && $0.1 <= limit }.count
        }

        /// "10/10 within 1 s (slowest 0.12 s)", for a failing test's message and for README's figures.
        public var summary: String {
            let slowest = waits.max() ?? .zero
            return "\(served(within: .seconds(1)))/\(waits.count) within 1 s (slowest \(slowest))"
        }
    }

    /// `block` is the path of the long blocking brew, `order` the short one's. `untilBlocked` returns once a loop
    /// is stuck in the long brew (from `/stats`, or from the kernel for a Python worker). The customers wait on
    /// threads of their own; the test only awaits them.
    public static func run(
        port: Int, block: String, order: String, count: Int = 10, untilBlocked: () async throws -> Void
    ) async throws -> Outcome {
        let client = OneShotClient(port: port, timeout: .seconds(30))
        let blocker = try client.connect()
        defer { close(blocker) }
        sendText(blocker, "GET \(block) HTTP/1.1\r\nHost: cafe\r\nConnection: close\r\n\r\n")
        try await untilBlocked()
        let all = await BackgroundWork { orders(client, order, count: count) }.value
        let blockerStatus = await BackgroundWork { try? client.readReply(blocker).status }.value
        return Outcome(blockerStatus: blockerStatus, statuses: all.map(\.status), waits: all.map(\.wait))
    }

    /// `count` short orders at once, each on its own connection and thread; each one's status and wait.
    private static func orders(
        _ client: OneShotClient, _ order: String, count: Int
    ) -> [(status: Int?, wait: Duration)] {
        let answers = Mutex<[(status: Int?, wait: Duration)]>([])
        let done = DispatchGroup()
        for _ in 0..<count {
            done.enter()
            let thread = Thread {
                let clock = ContinuousClock()
                let start = clock.now
                let status = try? client.get(order).status
                answers.withLock { $0.append((status, start.duration(to: clock.now))) }
                done.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        done.wait()
        return answers.withLock { $0 }
    }
}
