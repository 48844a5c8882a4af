import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import Synchronization

/// The async café's figures that its tests assert as behaviour, not as time (issue 20): brewing side by side — two
/// loops against one, four back-room helpers against one, 200 buzzers on one loop — and how much sooner the
/// customers are served for it. The targets are the bounds those tests used to time. Needs no wrk: blocking
/// loopback customers on threads, as the tests order.
extension AsyncBenchmark {
    func sideBySideRows(wants: (String) -> Bool) throws -> [Row] {
        var rows: [Row] = []
        if wants("loops") {
            // Two customers, each ordering ten 100 ms cups in a row; `block` stalls the loop that took the order.
            let one = try Self.withCafe({
                $0.handler = .block; $0.loops = 1
            }) { Self.inARow(port: $0, customers: 2) }
            let two = try Self.withCafe({
                $0.handler = .block; $0.loops = 2
            }) { Self.inARow(port: $0, customers: 2) }
            let ratio = two / one
            rows.append(
                Row(
                    scenario: "block, 2 customers × 10 cups of 100 ms: 2 loops vs 1",
                    measured: "\(Self.seconds(two)) vs \(Self.seconds(one))", target: "≤ 0.75 × one loop (ideal 0.5)",
                    ratio: ratio, passed: ratio <= 0.75))
        }
        if wants("offload") {
            let path = "/brew?ms=100&kind=io"
            let four = try Self.withCafe({
                $0.handler = .offload; $0.offloadThreads = 4
            }) {
                Self.atOnce(port: $0, count: 20, path: path)
            }
            let one = try Self.withCafe({
                $0.handler = .offload; $0.offloadThreads = 1
            }) {
                Self.atOnce(port: $0, count: 20, path: path)
            }
            let ratio = four / one
            rows.append(
                Row(
                    scenario: "offload, 20 cups of 100 ms at once: 4 helpers vs 1",
                    measured: "\(Self.seconds(four)) vs \(Self.seconds(one))",
                    target: "≤ 0.5 × one helper (ideal 0.25)",
                    ratio: ratio, passed: ratio <= 0.5))
        }
        if wants("buzzers") {
            let took = try Self.withCafe({ $0.handler = .await }) {
                Self.atOnce(port: $0, count: 200, path: "/brew?ms=2000&kind=io")
            }
            let ratio = took / .seconds(2)
            rows.append(
                Row(
                    scenario: "await, 200 cups of 2 s at once, one loop",
                    measured: Self.seconds(took), target: "≤ 4 brews (one at a time: 200)", ratio: ratio,
                    passed: ratio <= 4))
        }
        return rows
    }

    private static func withCafe(
        _ configure: (inout AsyncCafeConfiguration) -> Void, _ body: (Int) throws -> Duration
    ) throws -> Duration {
        var configuration = AsyncCafeConfiguration()
        configuration.port = 0
        configuration.adminPort = 0
        configure(&configuration)
        let cafe = try AsyncCafe(configuration: configuration)
        defer { cafe.shutdown() }
        return try body(cafe.port)
    }

    /// `customers` threads, each ordering ten cups one after another; from the first order to the last cup.
    private static func inARow(port: Int, customers: Int) -> Duration {
        timed(threads: customers) {
            let client = OneShotClient(port: port, timeout: .seconds(30))
            for _ in 0..<10 { _ = try? client.get("/brew?ms=100&kind=io") }
        }
    }

    /// `count` customers ordering `path` at once, a thread each; from the first order to the last cup.
    private static func atOnce(port: Int, count: Int, path: String) -> Duration {
        timed(threads: count) { _ = try? OneShotClient(port: port, timeout: .seconds(60)).get(path) }
    }

    private static func timed(threads: Int, _ work: @escaping @Sendable () -> Void) -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let done = DispatchGroup()
        for _ in 0..<threads {
            done.enter()
            let thread = Thread {
                work()
                done.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        done.wait()
        return start.duration(to: clock.now)
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
