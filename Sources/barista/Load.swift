import CafeHTTP
import ArgumentParser
import CafeModel
import Foundation
import LoadGenerator
import Telemetry

/// `barista load URL [URL…]`: the customers, on the command line. Every planned customer goes to every URL
/// at the same planned instant; latency is measured from that instant (no coordinated omission).
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send the same customers to one or more cafés (any HTTP/1.1 server) and report their waits.",
        discussion: """
            Open loop (--rate, --burst, --ramp): customers arrive on a timetable whatever the café does, and \
            latency is measured from each planned arrival, so a queue cannot hide. Closed loop (--customers): \
            each customer orders again once served, as wrk does. A URL with no path gets /brew?ms=&kind= from \
            --brew and --kind; a URL with a path (even /) is asked for that path.
            Served is reported twice: while customers were arriving (what the café keeps up with) and in the \
            tail after the door closed (the queue it still had). An answer of 400 or above is "turned down"; \
            a connection nobody accepted is the error "refused".
            Exit codes: 0 every café served at least one customer; 1 a café served nobody (each such café is \
            named on stderr); 2 a usage error (a bad flag or URL).

            Examples:
              barista load http://127.0.0.1:8001 http://127.0.0.1:8002 --rate 50/s
              barista load http://127.0.0.1:8002/ --customers 50 --keep-alive
              barista load http://127.0.0.1:8001 --rate 20/s --slow 20% --slow-for 5s
            """
    )

    @Argument(help: "The cafés: http://host:port[/path]. Each one gets every customer.")
    var urls: [String]

    @Option(parsing: .unconditional, help: "Customers per second, open loop (50/s, 300/m). Default 10/s when no other arrivals are given.")
    var rate: String?
    @Option(parsing: .unconditional, help: "constant (evenly spaced) or poisson (random, seeded) arrivals at --rate.")
    var arrivals = "constant"
    @Option(parsing: .unconditional, help: "Seed of the poisson arrivals: the same seed gives the same customers.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "A crowd at once, every period: 40@2s.") var burst: String?
    @Option(parsing: .unconditional, help: "A rising (or falling) rate: 10/s..200/s@30s.") var ramp: String?
    @Option(parsing: .unconditional, help: "Closed loop: this many customers per café, each ordering again when served.")
    var customers: Int?
    @Option(parsing: .unconditional, help: "Closed loop: time a customer waits before ordering again.") var think = DurationArgument(.zero)

    @Option(parsing: .unconditional, help: "How long customers keep coming (default 10s unless --count).") var duration: DurationArgument?
    @Option(parsing: .unconditional, help: "Stop after this many customers.") var count: Int?

    @Option(parsing: .unconditional, help: "Brew time of the order (URLs without a path).") var brew = DurationArgument(.milliseconds(100))
    @Option(parsing: .unconditional, help: "io (waiting) or cpu (spinning) brew.") var kind = "io"
    @Flag(help: "Reuse connections (HTTP keep-alive) instead of a new connection per customer.")
    var keepAlive = false
    @Option(parsing: .unconditional, help: "At most this many connections per café; customers wait for one inside the generator, as with wrk -c.")
    var connections: Int?
    @Option(parsing: .unconditional, help: "A customer not served this long after the planned arrival walks out.")
    var patience = DurationArgument(.seconds(10))
    @Option(parsing: .unconditional, help: "Customers in flight the generator allows itself to each café; beyond it customers are counted as not sent.")
    var maxInFlight = 10_000
    @Option(parsing: .unconditional, help: "Slow customers: this share (0-100%) write their order a few bytes at a time over --slow-for.")
    var slow: String?
    @Option(parsing: .unconditional, help: "How long a slow customer takes to send its whole order.")
    var slowFor = DurationArgument(.seconds(5))

    @Flag(help: "Print the summary as JSON on stdout.") var json = false
    @Option(parsing: .unconditional, help: "Write one row per second and café to this CSV file.") var csv: String?

    func validate() throws {
        _ = try makePlan()
        _ = try makeTargets()
    }

    func makeTargets() throws -> [LoadTarget] {
        guard !urls.isEmpty else { throw ValidationError("give at least one café URL, such as http://127.0.0.1:8001") }
        return try urls.map { url in
            do { return try LoadTarget(url: url) } catch { throw ValidationError("\(error)") }
        }
    }

    func makePlan() throws -> LoadPlan {
        do {
            return try makePlanOrThrow()
        } catch let error as LoadFlagError {
            throw ValidationError(error.description)
        }
    }

    private func makePlanOrThrow() throws -> LoadPlan {
        let given = [rate != nil, burst != nil, ramp != nil, customers != nil].filter { $0 }.count
        guard given <= 1 else { throw LoadFlagError("choose one of --rate, --burst, --ramp and --customers") }
        let arrivalsValue: Arrivals
        if let burst {
            arrivalsValue = .burst(try Burst.parse(burst))
        } else if let ramp {
            arrivalsValue = .ramp(try Ramp.parse(ramp))
        } else if let customers {
            guard (1...100_000).contains(customers) else {
                throw LoadFlagError("--customers must be from 1 to 100000, not \(customers)")
            }
            arrivalsValue = .closed(customers: customers, think: think.duration)
        } else {
            let parsed: Rate
            do { parsed = try Rate.parse(rate ?? "10/s") } catch { throw LoadFlagError("--rate: \(error)") }
            switch arrivals {
            case "constant": arrivalsValue = .constant(parsed)
            case "poisson": arrivalsValue = .poisson(parsed, seed: seed)
            default: throw LoadFlagError("--arrivals must be constant or poisson, not '\(arrivals)'")
            }
        }
        if arrivals != "constant" && rate == nil && given > 0 {
            throw LoadFlagError("--arrivals \(arrivals) goes with --rate")
        }
        guard let brewKind = BrewKind(rawValue: kind) else { throw LoadFlagError("--kind must be io or cpu, not '\(kind)'") }
        let milliseconds = Int(brew.duration.milliseconds.rounded())
        guard (0...Order.maximumMilliseconds).contains(milliseconds) else {
            throw LoadFlagError("--brew must be from 0ms to \(Order.maximumMilliseconds / 1000)s, not \(brew)")
        }
        if let count, count < 1 { throw LoadFlagError("--count must be at least 1, not \(count)") }
        if let duration, duration.duration <= .zero { throw LoadFlagError("--duration must be above 0") }
        if let connections, connections < 1 { throw LoadFlagError("--connections must be at least 1, not \(connections)") }
        guard patience.duration > .zero else { throw LoadFlagError("--patience must be above 0") }
        guard maxInFlight >= 1 else { throw LoadFlagError("--max-in-flight must be at least 1, not \(maxInFlight)") }
        let slowShare = try slow.map(Self.parseShare) ?? 0
        guard slowFor.duration > .zero else { throw LoadFlagError("--slow-for must be above 0") }
        return LoadPlan(
            arrivals: arrivalsValue, order: Order(milliseconds: milliseconds, kind: brewKind),
            patience: patience.duration, keepAlive: keepAlive, connections: connections, maxInFlight: maxInFlight,
            duration: duration?.duration ?? (count == nil ? .seconds(10) : nil), count: count,
            slowShare: slowShare, slowFor: slowFor.duration, slowSeed: seed)
    }

    /// `--slow 20%` (or `20`) as a share from 0 to 1.
    static func parseShare(_ text: String) throws -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let percent = Double(number.trimmingCharacters(in: .whitespaces)), percent.isFinite,
            (0...100).contains(percent)
        else { throw LoadFlagError("--slow must be a share from 0% to 100%, not '\(text)'") }
        return percent / 100
    }

    func run() throws {
        // Before any thread starts, so that SIGCONT reaches the generator whatever its parent blocked.
        ProcessStops.watch()
        var plan = try makePlan()
        let targets = try makeTargets()
        // Each customer in flight holds one descriptor per café: stay under the open-file limit.
        let limit = ProcessUsage.raiseOpenFileLimit()
        let affordable = max(1, (limit - 64) / targets.count)
        // Set when the open-file limit, not --max-in-flight, caps the customers in flight: then it is what to raise.
        var cappedByOpenFiles: Int?
        if plan.maxInFlight > affordable {
            cappedByOpenFiles = limit
            // Only worth a word when the person asked for more than can be had.
            if maxInFlight != 10_000 { warn("open-file limit \(limit): at most \(affordable) customers in flight (not \(plan.maxInFlight))") }
            plan.maxInFlight = affordable
        }
        var csvFile: FileHandle?
        if let csv {
            guard FileManager.default.createFile(atPath: csv, contents: nil), let file = FileHandle(forWritingAtPath: csv)
            else { throw ValidationError("cannot write --csv file '\(csv)'") }
            file.write(Data("second,cafe,planned,sent,served,turned_down,walked_out,errors,not_sent,p50_ms,p99_ms\n".utf8))
            csvFile = file
        }
        let run: LoadRun
        do { run = try LoadRun(targets: targets, plan: plan) } catch { throw ValidationError(error.description) }

        // Ctrl-C ends the day early; the summary still follows.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { run.stop() }
        interrupt.resume()

        let live = isatty(STDERR_FILENO) == 1
        var written = Array(repeating: -1, count: targets.count)
        run.start()
        var snapshot = run.snapshot()
        while snapshot.state != .finished {
            Thread.sleep(forTimeInterval: 0.2)
            snapshot = run.snapshot()
            if live { StderrLog.write("\r\u{1B}[K" + Self.progressLine(snapshot)) }
            if let csvFile { Self.writeRows(snapshot, to: csvFile, written: &written) }
        }
        interrupt.cancel()
        if live { StderrLog.write("\r\u{1B}[K") }
        if let csvFile {
            Self.writeRows(snapshot, to: csvFile, written: &written)
            try? csvFile.close()
        }
        if json {
            print(Self.json(snapshot, plan: plan))
        } else {
            print(Self.summary(snapshot, plan: plan, targets: targets))
        }
        if let note = NotSentNote.line(snapshot, openFileLimit: cappedByOpenFiles) { warn(note) }
        // A run that served nobody somewhere is not a success, whatever else it measured.
        let unserved = snapshot.targets.filter { $0.served == 0 }
        guard unserved.isEmpty else {
            for target in unserved { warn("\(target.label) served nobody") }
            throw ExitCode(1)
        }
    }

    // MARK: - Output

    static func progressLine(_ snapshot: LoadSnapshot) -> String {
        let parts = snapshot.targets.map { target in
            "\(target.label): ✓\(target.served) in \(target.inFlight.total) out \(target.walkedOut) "
                + "err \(target.errorCount) p99 \(target.recent.count == 0 ? "-" : ms(target.recent.p99Ms))"
        }
        return String(format: "%5.1fs ", snapshot.elapsedSeconds) + "planned \(snapshot.customersPlanned)  "
            + parts.joined(separator: "  |  ")
    }

    static func writeRows(_ snapshot: LoadSnapshot, to file: FileHandle, written: inout [Int]) {
        var text = ""
        for (index, target) in snapshot.targets.enumerated() {
            for row in target.rows where row.second > written[index] {
                text += "\(row.second),\(csvField(target.label)),\(row.planned),\(row.sent),\(row.served),"
                    + "\(row.refused),\(row.walkedOut),\(row.errors),\(row.notSent),"
                    + "\(String(format: "%.3f", row.p50Ms)),\(String(format: "%.3f", row.p99Ms))\n"
                written[index] = row.second
            }
        }
        if !text.isEmpty { file.write(Data(text.utf8)) }
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The seconds over which customers arrived: until the door closed (the duration, the count reached, or
    /// Ctrl-C), or the whole run when it never closed.
    static func arrivalSeconds(_ snapshot: LoadSnapshot) -> Double {
        max(0.001, min(snapshot.arrivalsEndedSeconds ?? snapshot.elapsedSeconds, snapshot.elapsedSeconds))
    }

    /// How long a café's tail lasted: from the door closing to its last customer's end (0 without a tail).
    static func tailSeconds(_ side: TargetSnapshot, _ snapshot: LoadSnapshot) -> Double {
        guard let closed = snapshot.arrivalsEndedSeconds, let last = side.lastVisitEndedSeconds else { return 0 }
        return max(0, last - closed)
    }

    static func summary(_ snapshot: LoadSnapshot, plan: LoadPlan, targets: [LoadTarget]) -> String {
        let arriving = arrivalSeconds(snapshot)
        let seconds = { (value: Double) in String(format: "%.1fs", value) }
        var lines = [
            "barista load: \(snapshot.arrivals), \(seconds(snapshot.elapsedSeconds)) in all "
                + "(customers came for \(seconds(arriving)))"
        ]
        for (target, side) in zip(targets, snapshot.targets) {
            func perSecond(_ value: Int, over seconds: Double) -> String {
                String(format: "%.1f/s", Double(value) / seconds)
            }
            let tail = tailSeconds(side, snapshot)
            let inTail = side.served - side.servedWhileArriving
            lines.append("")
            lines.append(target.origin + target.requestPath(order: plan.order))
            lines.append("  customers  planned \(side.planned) (\(perSecond(side.planned, over: arriving)))"
                + "   sent \(side.sent) (\(perSecond(side.sent, over: arriving)))")
            lines.append("  served     \(side.served) in all: \(side.servedWhileArriving) while customers came "
                + "(\(perSecond(side.servedWhileArriving, over: arriving))), "
                + (inTail > 0 ? "\(inTail) in the tail (\(seconds(tail)) after the door closed)" : "no tail"))
            if plan.slowShare > 0 {
                let timedOut = side.statusCounts[408].map { ", \($0) ended by the café's header timeout (408)" } ?? ""
                lines.append("  slow       \(side.slow) slow customers (\(percent(plan.slowShare))) sent their order over "
                    + "\(DurationText.format(plan.slowFor))\(timedOut)")
            }
            let outside = side.walkedOutOutside > 0 ? " (\(side.walkedOutOutside) never got in)" : ""
            lines.append("  no cup     walked out \(side.walkedOut)\(outside)   turned down \(side.refused)"
                + "   errors \(side.errorCount)   not sent \(side.notSent)   cut off \(side.cutOff)")
            if side.corrected.count == 0 {
                lines.append("  latency    " + (side.statusCounts.isEmpty
                    ? "no answers" : "no cups to time (every answer turned the customer down)"))
            } else {
                lines.append("  latency          " + ["p50", "p90", "p99", "p99.9", "max", "mean"]
                    .map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
                for (name, latency) in [("from planned", side.corrected), ("from sent", side.uncorrected)] {
                    let values = [latency.p50Ms, latency.p90Ms, latency.p99Ms, latency.p999Ms, latency.maxMs,
                                  latency.meanMs]
                    lines.append("    " + name.padding(toLength: 13, withPad: " ", startingAt: 0)
                        + values.map { ms($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
                }
            }
            if !side.statusCounts.isEmpty {
                let statuses = side.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }
                lines.append("  status     " + statuses.joined(separator: "   "))
            }
            if side.errorCount > 0 {
                let errors = side.errors.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.words) \($0.value)" }
                lines.append("  errors     " + errors.joined(separator: "   "))
            }
            if side.cutOff > 0 {
                lines.append("  cut off    \(side.cutOff) customers were still inside when the run stopped; "
                    + "their waits are not in the latencies above")
            }
        }
        let lag = snapshot.scheduleLag
        lines.append("")
        lines.append("schedule lag (generator late vs plan): p50 \(ms(lag.p50Ms))  p99 \(ms(lag.p99Ms))  max \(ms(lag.maxMs))")
        return lines.joined(separator: "\n")
    }

    /// The summary as one JSON document, numbers in milliseconds and per second.
    static func json(_ snapshot: LoadSnapshot, plan: LoadPlan) -> String {
        struct Target: Encodable {
            var label, url: String
            var planned, sent, served, turnedDown, walkedOut, walkedOutOutside, notSent, cutOff: Int
            /// Slow customers (of `sent`): they wrote their order a few bytes at a time.
            var slow: Int
            /// Cups while customers were arriving, and in the tail after the door closed.
            var servedWhileArriving, servedInTail: Int
            var insideWhenArrivalsEnded: Int?
            var tailSeconds: Double
            var plannedPerSecond, sentPerSecond, servedWhileArrivingPerSecond: Double
            /// Over the whole run, tail included: hides a café that fell behind (kept for old readers).
            var servedPerSecond: Double
            var statusCounts: [String: Int]
            var errors: [String: Int]
            /// Absent when nothing was served: there is no wait to report.
            var latencyFromPlanned, latencyFromSent: LatencySummary?
        }
        struct Summary: Encodable {
            var arrivals: String
            var elapsedSeconds: Double
            var arrivalSeconds: Double
            var customersPlanned: Int
            /// The share of slow customers (0…1) and how long each took to send its order.
            var slowShare: Double
            var slowForSeconds: Double
            var scheduleLag: LatencySummary
            var targets: [Target]
        }
        let arriving = arrivalSeconds(snapshot)
        let summary = Summary(
            arrivals: snapshot.arrivals, elapsedSeconds: snapshot.elapsedSeconds, arrivalSeconds: arriving,
            customersPlanned: snapshot.customersPlanned, slowShare: plan.slowShare,
            slowForSeconds: plan.slowFor.milliseconds / 1000, scheduleLag: snapshot.scheduleLag,
            targets: snapshot.targets.map { side in
                Target(
                    label: side.label, url: side.url, planned: side.planned, sent: side.sent, served: side.served,
                    turnedDown: side.refused, walkedOut: side.walkedOut, walkedOutOutside: side.walkedOutOutside,
                    notSent: side.notSent, cutOff: side.cutOff, slow: side.slow, servedWhileArriving: side.servedWhileArriving,
                    servedInTail: side.served - side.servedWhileArriving,
                    insideWhenArrivalsEnded: side.insideWhenArrivalsEnded, tailSeconds: tailSeconds(side, snapshot),
                    plannedPerSecond: Double(side.planned) / arriving, sentPerSecond: Double(side.sent) / arriving,
                    servedWhileArrivingPerSecond: Double(side.servedWhileArriving) / arriving,
                    servedPerSecond: Double(side.served) / max(0.001, snapshot.elapsedSeconds),
                    statusCounts: Dictionary(uniqueKeysWithValues: side.statusCounts.map { (String($0.key), $0.value) }),
                    errors: Dictionary(uniqueKeysWithValues: side.errors.map { ($0.key.rawValue, $0.value) }),
                    latencyFromPlanned: side.corrected.count == 0 ? nil : side.corrected,
                    latencyFromSent: side.uncorrected.count == 0 ? nil : side.uncorrected)
            })
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func ms(_ milliseconds: Double) -> String { DurationText.format(.milliseconds(milliseconds)) }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }

    func warn(_ message: String) { StderrLog.barista(message) }
}
