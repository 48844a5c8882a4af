import CafeHTTP
import CafeModel
import Foundation
import Synchronization

/// Polls a café's `GET /stats` on its own thread, ~20 times a second, and keeps the latest snapshot.
/// The admin port is served apart from the café's workers, so a stalled café still answers.
public final class StatsPoller: Sendable {
    public let adminPort: Int
    public let interval: Duration
    private let state = Mutex<
        (latest: ServerStats?, askedAt: ContinuousClock.Instant?, failure: String?, running: Bool)
    >(
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

    /// Why the last poll failed (the café is gone or not answering), nil when it succeeded.
    public var failure: String? { state.withLock { $0.failure } }

    public func stop() { state.withLock { $0.running = false } }

    private func run() {
        // Generous: a late snapshot is drawn as late; one given up on is never drawn at all.
        let client = OneShotClient(port: adminPort, timeout: .seconds(5))
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
            // A snapshot that took long to make (the café reads the kernel's whole socket table, which holds every
            // socket on the machine: thousands at high rates) is not asked for again at once: at most half the
            // café's admin thread goes to being watched. The screen shows the snapshot's age meanwhile.
            let took = asked.duration(to: now)
            if next < now + took - interval { next = now + took - interval }
            if next < now { next = now }
            Thread.sleep(forTimeInterval: now.duration(to: next).milliseconds / 1000)
        }
    }
}
