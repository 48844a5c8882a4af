import CafeHTTP
import CafeModel
import Foundation
import Synchronization

/// Polls a café's `GET /stats` on its own thread, ~20 times a second, and keeps the latest snapshot.
/// The admin port is served apart from the café's workers, so a stalled café still answers.
public final class StatsPoller: Sendable {
    public let adminPort: Int
    public let interval: Duration
    private let state = Mutex<(latest: ServerStats?, askedAt: ContinuousClock.Instant?, failure: String?, running: Bool)>(
        (nil, nil, nil, true))

    public init(adminPort: Int, interval: Duration = .milliseconds(50)) {
        self.adminPort = adminPort
        self.interval = interval
        let thread = Thread { [self] in run() }
        thread.name = "stats-poller-\(adminPort)"
        thread.start()
    }

    /// The newest snapshot, or nil before the first one arrived.
    public var latest: ServerStats? { state.withLock { $0.latest } }

    /// When the newest snapshot was asked for: it describes the café at some instant after this, so its age is at
    /// most the time since. Nil before the first.
    public var latestAskedAt: ContinuousClock.Instant? { state.withLock { $0.askedAt } }

    /// The newest snapshot with when it was asked for, read together (never a new snapshot with an old instant).
    public var latestWithTime: (stats: ServerStats, askedAt: ContinuousClock.Instant)? {
        state.withLock { state in state.latest.flatMap { stats in state.askedAt.map { (stats, $0) } } }
    }

    /// Why the last poll failed (the café is gone or not answering), nil when it succeeded.
    public var failure: String? { state.withLock { $0.failure } }

    public func stop() { state.withLock { $0.running = false } }

    private func run() {
        let client = OneShotClient(port: adminPort, timeout: .seconds(2))
        let clock = ContinuousClock()
        var next = clock.now
        while state.withLock({ $0.running }) {
            let asked = clock.now
            do {
                let reply = try client.get("/stats")
                let stats = try ServerStats.decode(from: Data(reply.body.utf8))
                state.withLock {
                    $0.latest = stats
                    $0.askedAt = asked
                    $0.failure = nil
                }
            } catch {
                state.withLock { $0.failure = "\(error)" }
            }
            next = next.advanced(by: interval)
            let now = clock.now
            if next < now { next = now }
            Thread.sleep(forTimeInterval: now.duration(to: next).milliseconds / 1000)
        }
    }
}
