import AsyncServer
import CafeModel
import Foundation
import LoadGenerator
import Telemetry

/// `barista bench load`: how faithfully the customers keep their timetable, and how fast a closed loop goes
/// next to wrk, against a café in this process.
///
/// The async café is not in this build yet, so the café here is a sync café with many workers and zero-time
/// brews; retarget to the async café once it lands (the figures README quotes are meant for it).
public struct LoadBenchmark: Sendable {
    /// Open-loop rate for the schedule-accuracy runs.
    public var rate: Rate
    /// Length of each run.
    public var duration: Duration
    /// Closed-loop customers (and wrk connections).
    public var customers: Int

    public init(rate: Rate = Rate(perSecond: 5000), duration: Duration = .seconds(10), customers: Int = 50) {
        self.rate = rate
        self.duration = duration
        self.customers = customers
    }

    public func run() throws {
        ProcessUsage.raiseOpenFileLimit()
        // The async café awaiting its brews keeps up with any rate here: what is measured is the generator.
        var configuration = AsyncCafeConfiguration()
        configuration.port = 0
        let cafe = try AsyncCafe(configuration: configuration)
        defer { cafe.shutdown() }
        let seconds = duration.milliseconds / 1000
        print("load average at start: \(Self.loadAverage()), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(
            "barista bench load — in-process async café (1 loop, await, /brew?ms=0), \(DurationText.format(duration)) runs"
        )
        print("")
        print("schedule accuracy, open loop at \(rate):")
        for keepAlive in [false, true] {
            let plan = LoadPlan(
                arrivals: .constant(rate), order: Order(milliseconds: 0), patience: .seconds(5),
                keepAlive: keepAlive, duration: duration)
            let (snapshot, cpu) = try measure(cafe: cafe, path: nil, plan: plan)
            let side = snapshot.targets[0]
            let achieved = Double(side.sent) / seconds
            let lag = snapshot.scheduleLag
            print(
                "  \(keepAlive ? "keep-alive     " : "new connection ") planned \(side.planned)  sent \(side.sent)"
                    + String(format: " (%.1f/s, %+.2f %% of plan)", achieved, (achieved / rate.perSecond - 1) * 100)
                    + "  served \(side.served)  errors \(side.errorCount)  walked out \(side.walkedOut)  not sent \(side.notSent)"
            )
            print(
                "                  schedule lag p50 \(ms(lag.p50Ms))  p99 \(ms(lag.p99Ms))  max \(ms(lag.maxMs))"
                    + "   latency p50 \(ms(side.corrected.p50Ms)) p99 \(ms(side.corrected.p99Ms))"
                    + String(
                        format: "   generator CPU %.0f %% of a core = %.1f %% per 1,000 req/s", cpu / seconds * 100,
                        cpu / seconds / max(achieved, 1) * 1e5))
        }
        print("")
        print("closed loop, GET / with keep-alive, \(customers) customers (alternating with wrk, best of 2 each):")
        let plan = LoadPlan(
            arrivals: .closed(customers: customers, think: .zero), patience: .seconds(5),
            keepAlive: true, duration: duration)
        let wrk = Wrk.find()
        var best: (rate: Double, snapshot: LoadSnapshot, cpu: Double)?
        var wrkBest: Double?
        for _ in 0..<2 {
            let (snapshot, cpu) = try measure(cafe: cafe, path: "/", plan: plan)
            let rate = Double(snapshot.targets[0].served) / snapshot.elapsedSeconds
            if rate > best?.rate ?? 0 { best = (rate, snapshot, cpu) }
            if let wrk,
                let theirs = try? Wrk.run(
                    wrk, url: "http://127.0.0.1:\(cafe.port)/", connections: customers,
                    duration: "\(max(1, Int(seconds.rounded())))s"),
                theirs.requestsPerSecond > 0
            {
                wrkBest = max(wrkBest ?? 0, theirs.requestsPerSecond)
            }
        }
        if let best {
            let side = best.snapshot.targets[0]
            let seconds = best.snapshot.elapsedSeconds
            print(
                String(format: "  barista load  %.0f req/s", best.rate) + "  p50 \(ms(side.uncorrected.p50Ms))"
                    + "  p99 \(ms(side.uncorrected.p99Ms))  errors \(side.errorCount)"
                    + String(
                        format: "  generator CPU %.0f %% of a core = %.1f %% per 1,000 req/s", best.cpu / seconds * 100,
                        best.cpu / seconds / best.rate * 1e5))
            if let wrkBest {
                print(
                    String(
                        format: "  wrk -t1 -c%d  %.0f req/s   → barista load reaches %.2f× wrk", customers, wrkBest,
                        best.rate / wrkBest))
            } else {
                print(
                    wrk == nil
                        ? "  wrk not on PATH: no comparison (apt-get install wrk)" : "  wrk: could not read its output")
            }
        }
        print("")
        try compareCPU(cafe: cafe, seconds: max(1, Int(seconds.rounded())))
        print("")
        print("load average now: \(Self.loadAverage()) (the café, the generator and wrk share this machine's cores)")
    }

    /// CPU per 1,000 customers a second: barista load beside wrk and hey, at the same rates (1,000/s and the
    /// bench's rate), with a new connection per customer and with kept-alive connections, against the same café.
    private func compareCPU(cafe: AsyncCafe, seconds: Int) throws {
        let url = "http://127.0.0.1:\(cafe.port)/brew?ms=0"
        let wrk = Wrk.find(), hey = PacedYardstick.find("hey")
        let c = PacedYardstick.connections
        print(
            "generator CPU per 1,000 customers/s, side by side (same café, \(seconds) s each; % of one core;"
                + " the rate reached in brackets):")
        print("  rate       connection      barista load            wrk -t1 -c\(c) (paced)    hey -c\(c) -q -cpus 1")
        func cell(_ cpu: Double, _ rate: Double, errors: Int) -> String {
            guard rate > 0 else { return "no figure" }
            let text = String(format: "%5.1f %% (%.0f/s)", cpu / Double(seconds) / rate * 1e5, rate)
            return errors > 0 ? text + " \(errors) err" : text
        }
        func padded(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        let rates = [Rate(perSecond: 1000), rate].reduce(into: [Rate]()) { if !$0.contains($1) { $0.append($1) } }
        for rate in rates {
            for keepAlive in [false, true] {
                let plan = LoadPlan(
                    arrivals: .constant(rate), order: Order(milliseconds: 0), patience: .seconds(5),
                    keepAlive: keepAlive, duration: .seconds(seconds))
                let (snapshot, cpu) = try measure(cafe: cafe, path: nil, plan: plan)
                let side = snapshot.targets[0]
                let ours = cell(cpu, Double(side.sent) / Double(seconds), errors: side.errorCount)
                let theirs = [wrk.map { ("wrk", $0) }, hey.map { ("hey", $0) }].map { tool -> String in
                    guard let (name, path) = tool else { return "not on PATH" }
                    let run =
                        name == "wrk"
                        ? PacedYardstick.wrk(
                            path, url: url, rate: rate.perSecond, seconds: seconds,
                            newConnectionEach: !keepAlive)
                        : PacedYardstick.hey(
                            path, url: url, rate: rate.perSecond, seconds: seconds,
                            newConnectionEach: !keepAlive)
                    return run.map { cell($0.cpuSeconds, $0.rate, errors: $0.errors) } ?? "could not run"
                }
                print(
                    "  " + padded("\(Int(rate.perSecond).grouped)/s", 11)
                        + padded(keepAlive ? "keep-alive" : "new each", 16)
                        + padded(ours, 24) + padded(theirs[0], 24) + theirs[1])
            }
        }
        if wrk == nil || hey == nil { print("  (apt-get install -y wrk hey for the comparison)") }
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "unknown"
    }

    /// One run against the café; returns the final snapshot and the generator thread's CPU seconds.
    private func measure(cafe: AsyncCafe, path: String?, plan: LoadPlan) throws -> (LoadSnapshot, Double) {
        let target = LoadTarget(label: "cafe", host: "127.0.0.1", port: cafe.port, path: path)
        let run = try LoadRun(targets: [target], plan: plan)
        let before = run.generatorCPUSeconds()
        run.start()
        run.waitUntilFinished()
        let cpu = run.generatorCPUSeconds() - before
        return (run.snapshot(), cpu)
    }

    private func ms(_ value: Double) -> String { DurationText.format(.milliseconds(value)) }
}
