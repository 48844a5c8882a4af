import CafeHTTP
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Many customers ordering at the same instant, each on its own thread with a blocking loopback client:
/// all connect first, then all send when a gate opens, so the café sees them arrive together and the clock
/// starts when every one of them is at the door (TestSupport's `Customers` includes thread start-up).
struct Crowd {
    struct Outcome {
        /// Each customer's status (nil when it got no answer in time).
        var statuses: [Int?]
        /// From the gate opening to the last answer.
        var elapsed: Duration

        func count(_ status: Int) -> Int { statuses.filter { $0 == status }.count }
    }

    var port: Int
    var count: Int
    var path: String
    var timeout: Duration = .seconds(60)

    /// Runs the customers; `during` (the trailing closure) runs on this thread while they are being served;
    /// `beforeOrders` runs once they are all connected, before anyone orders.
    func order(during: () -> Void = {}, beforeOrders: () -> Void = {}) -> Outcome {
        let line = Line(self)
        beforeOrders()
        let start = line.open()
        during()
        return line.outcome(since: start)
    }

    /// The same for an async test: `during` may wait for a state with `eventually`.
    func order(during: () async throws -> Void) async rethrows -> Outcome {
        let line = Line(self)
        let start = line.open()
        try await during()
        return line.outcome(since: start)
    }

    /// The customers, connected and waiting at the gate.
    private final class Line {
        let crowd: Crowd
        let statuses: Statuses
        let finished = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        let clock = ContinuousClock()

        init(_ crowd: Crowd) {
            self.crowd = crowd
            let client = OneShotClient(port: crowd.port, timeout: crowd.timeout)
            let statuses = Statuses(count: crowd.count)
            self.statuses = statuses
            let connected = DispatchGroup()
            let finished = finished, gate = gate
            let request = Array("GET \(crowd.path) HTTP/1.1\r\nHost: cafe\r\nConnection: close\r\n\r\n".utf8)
            for index in 0..<crowd.count {
                connected.enter()
                finished.enter()
                let thread = Thread {
                    defer { finished.leave() }
                    let fd = try? client.connect()
                    connected.leave()
                    gate.wait()
                    guard let fd else { return }
                    defer { close(fd) }
                    let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard sent == request.count, let reply = try? client.readReply(fd) else { return }
                    statuses.set(index, reply.status)
                }
                thread.stackSize = 256 * 1024
                thread.start()
            }
            _ = connected.wait(timeout: .now() + 30)
        }

        /// Lets every customer order at once; the clock starts now.
        func open() -> ContinuousClock.Instant {
            let start = clock.now
            for _ in 0..<crowd.count { gate.signal() }
            return start
        }

        func outcome(since start: ContinuousClock.Instant) -> Outcome {
            _ = finished.wait(timeout: .now() + .seconds(Int(crowd.timeout.components.seconds) + 5))
            return Outcome(statuses: statuses.values, elapsed: clock.now - start)
        }
    }

    /// Each customer's status, written by its own thread.
    private final class Statuses: Sendable {
        private let storage: Mutex<[Int?]>
        init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ status: Int) { storage.withLock { $0[index] = status } }
        var values: [Int?] { storage.withLock { $0 } }
    }
}

/// Samples a café's `/stats` (in process) every few milliseconds on a thread of its own until stopped.
final class StatsSampler: Sendable {
    private let samples = Mutex<[Sample]>([])
    private let running = Atomic<Bool>(true)
    private let stopped = DispatchSemaphore(value: 0)

    struct Sample {
        var awaiting: Int
        var blockedLoops: Int
        var maxLagMs: Double
        var offloadBusy: Int
        var offloadWaiting: Int
        var acceptQueue: Int
    }

    init(every interval: Duration = .milliseconds(5), _ read: @escaping @Sendable () -> Sample) {
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                let sample = read()
                samples.withLock { $0.append(sample) }
                Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18)
            }
            stopped.signal()
        }
        thread.start()
    }

    func stop() -> [Sample] {
        running.store(false, ordering: .relaxed)
        stopped.wait()
        return samples.withLock { $0 }
    }
}
