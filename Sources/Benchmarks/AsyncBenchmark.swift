import AsyncServer
import CafeModel
import Foundation
import Telemetry

/// `barista bench async`: the async café's figures for README, measured with wrk on loopback.
///
/// Each scenario opens a café in this process, drives it with `wrk -t1` (a separate process), and compares
/// what it measured with the target of issue 3 (peers measured on the same 2-core machine).
public struct AsyncBenchmark: Sendable {
    /// How long wrk drives each scenario, in seconds.
    public var seconds: Int
    /// Run only the scenarios whose name contains this (hello, 1000, saturation, 10000, and without wrk: loops,
    /// offload, buzzers).
    public var only: String?

    public init(seconds: Int = 10, only: String? = nil) {
        self.seconds = seconds
        self.only = only
    }

    struct Row {
        var scenario: String
        var measured: String
        var target: String
        var ratio: Double
        var passed: Bool
    }

    public func run() throws(BenchmarkError) {
        // The side-by-side scenarios need no wrk: `--only loops` runs where wrk is not installed.
        let needsWrk = ["hello", "1000", "saturation", "10000"].contains(where: wants)
        let wrk = Wrk.find()
        if needsWrk && wrk == nil { throw .wrkMissing }
        do {
            ProcessUsage.raiseOpenFileLimit()
            let rows = try (wrk.map { try measure(wrk: $0) } ?? []) + sideBySideRows(wants: wants)
            print(Self.table(rows))
        } catch {
            throw .failed(String(describing: error))
        }
    }

    private func wants(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }

    private func measure(wrk: String) throws -> [Row] {
        var rows: [Row] = []
        let duration = "\(seconds)s"

        if wants("hello") {
            let bare = try BareHelloServer()
            let bareRun = try Wrk.run(wrk, url: "http://127.0.0.1:\(bare.port)/", connections: 50, duration: duration)
            bare.shutdown()
            let cafeRun = try withCafe(.await) { port in
                try Wrk.run(wrk, url: "http://127.0.0.1:\(port)/", connections: 50, duration: duration)
            }
            let ratio = cafeRun.requestsPerSecond / max(bareRun.requestsPerSecond, 1)
            rows.append(
                Row(
                    scenario: "bare SwiftNIO hello, keep-alive, c50",
                    measured: Self.rate(bareRun.requestsPerSecond), target: "(yardstick)", ratio: 1,
                    passed: true))
            rows.append(
                Row(
                    scenario: "café GET /, keep-alive, c50",
                    measured: Self.rate(cafeRun.requestsPerSecond), target: "≥ 0.90 × bare",
                    ratio: ratio, passed: ratio >= 0.9))
        }
        if wants("1000") {
            // One loop is uvicorn's default; two are `--workers 2`, one per core of this machine.
            for loops in [1, 2] {
                let result = try withCafe(.await, loops: loops) { port in
                    try Wrk.run(
                        wrk, url: "http://127.0.0.1:\(port)/brew?ms=100&kind=io", connections: 1000,
                        duration: duration, timeout: "5s")
                }
                let ratio = result.requestsPerSecond / 10_000
                let label = "await 100 ms, 1,000 in flight, \(loops) loop\(loops == 1 ? "" : "s")"
                rows.append(
                    Row(
                        scenario: "\(label): req/s",
                        measured: Self.rate(result.requestsPerSecond), target: "≥ 0.97 × 10,000 ideal",
                        ratio: ratio, passed: ratio >= 0.97 && result.errors == 0))
                rows.append(
                    Row(
                        scenario: "\(label): p99",
                        measured: Self.ms(result.p99Ms), target: "≤ 115 ms",
                        ratio: result.p99Ms / 115, passed: result.p99Ms <= 115))
            }
        }
        if wants("saturation") {
            let result = try withCafe(.await) { port in
                try Wrk.run(
                    wrk, url: "http://127.0.0.1:\(port)/brew?ms=100&kind=io", connections: 4000,
                    duration: duration, timeout: "5s")
            }
            let ratio = result.requestsPerSecond / (2 * 13_700)
            rows.append(
                Row(
                    scenario: "await 100 ms, 4,000 in flight (saturation)",
                    measured: Self.rate(result.requestsPerSecond), target: "≥ 27,400 (2 × uvicorn)",
                    ratio: ratio, passed: ratio >= 1 && result.errors == 0))
        }
        if wants("10000") {
            let result = try withCafe(.await, backlog: 16_384) { port in
                try Wrk.run(
                    wrk, url: "http://127.0.0.1:\(port)/brew?ms=2000&kind=io", connections: 10_000,
                    duration: "\(max(seconds, 10))s", timeout: "10s")
            }
            rows.append(
                Row(
                    scenario: "await 2 s, 10,000 in flight: errors",
                    measured: "\(result.errors) of \(result.requests)", target: "0 (every one served)",
                    ratio: result.errors == 0 ? 1 : 0, passed: result.errors == 0 && result.requests > 0))
            rows.append(
                Row(
                    scenario: "await 2 s, 10,000 in flight: p99",
                    measured: Self.ms(result.p99Ms), target: "≤ 2,300 ms",
                    ratio: result.p99Ms / 2300, passed: result.p99Ms <= 2300))
            rows.append(
                Row(
                    scenario: "await 2 s, 10,000 in flight: req/s",
                    measured: Self.rate(result.requestsPerSecond), target: "≈ 5,000 ideal",
                    ratio: result.requestsPerSecond / 5000, passed: true))
        }
        return rows
    }

    private func withCafe<T>(
        _ handler: HandlerMode, loops: Int = 1, backlog: Int = 4096, _ body: (Int) throws -> T
    ) throws -> T {
        var configuration = AsyncCafeConfiguration()
        configuration.port = 0
        configuration.loops = loops
        configuration.handler = handler
        configuration.backlog = backlog
        let cafe = try AsyncCafe(configuration: configuration)
        defer { cafe.shutdown() }
        return try body(cafe.port)
    }

    static func table(_ rows: [Row]) -> String {
        let header = ["scenario", "measured", "target", "ratio", ""]
        let cells = rows.map {
            [$0.scenario, $0.measured, $0.target, String(format: "%.2f", $0.ratio), $0.passed ? "ok" : "MISS"]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + cells.map(line))
            .joined(separator: "\n")
    }

    static func rate(_ value: Double) -> String { "\(Int(value.rounded()).formatted()) req/s" }
    static func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
}
