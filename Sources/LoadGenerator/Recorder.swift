import CafeModel
import NIOCore

/// The tally for one café: every visit's outcome and wait, in fixed memory however long the day.
///
/// On the load generator: two HdrHistogram tallies since the start (`LatencyCounts`, three digits) — latency from
/// the planned arrival (corrected, coordinated-omission free, like wrk2) and from the actual send (uncorrected) —
/// plus one small one (two digits) per recent second for the live window, counters by status and error, and a
/// ring of per-second rows.
/// Owned by the engine's event loop.
struct Recorder {
    /// Latencies are recorded in microseconds up to an hour; anything longer is recorded as an hour.
    static let highestMicroseconds: UInt64 = 3_600_000_000
    /// Seconds in the live latency window.
    static let windowSeconds = 5
    /// Completed seconds kept as rows.
    static let rowCapacity = 120
    /// Bar edges of the drawing histogram, in milliseconds.
    static let barEdgesMs: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000]

    private(set) var corrected = LatencyCounts(digits: 3)
    private(set) var uncorrected = LatencyCounts(digits: 3)
    /// One histogram per second of the live window, indexed by second modulo the window.
    private var window = (0..<Recorder.windowSeconds).map { _ in LatencyCounts(digits: 2) }
    private var windowSecond = Array(repeating: -1, count: Recorder.windowSeconds)
    /// Sums of the recorded microseconds, for the means: the histogram's own mean walks every bucket through a
    /// generic iterator, which cost more than the rest of a snapshot.
    private var windowSum = Array(repeating: UInt64(0), count: Recorder.windowSeconds)
    private var correctedSum: UInt64 = 0
    private var uncorrectedSum: UInt64 = 0
    /// The last second a latency was recorded in: once it has left the live window, nothing there changes.
    private var lastRecordedSecond = Int.min / 2

    var totals = TargetSnapshot(label: "", url: "")
    private var current = SecondRow(second: 0)
    /// Bumped whenever a latency is recorded or the live window moves over recorded seconds: the window's
    /// percentiles are recomputed only then, so an idle door (a paused show) costs next to nothing to snapshot
    /// 20 times a second.
    private var latencyVersion = 0
    /// Bumped only when a latency is recorded (or forgotten): the since-start percentiles change with nothing else.
    private var totalsVersion = 0
    /// The live window's summary and bars (small histograms): recomputed whenever they changed.
    private var recentCache: (version: Int, recent: LatencySummary, bars: [LatencyBar])?
    /// The since-start summaries (large, three-digit histograms): recomputed at most once a second during a
    /// run — walking them 20 times a second would delay the arrivals timer — and always for an exact snapshot.
    private var totalCache: (version: Int, corrected: LatencySummary, uncorrected: LatencySummary)?
    private var snapshotsSinceTotals = 0
    static let snapshotsPerTotals = 20
    private var rows = CircularBuffer<SecondRow>(initialCapacity: Recorder.rowCapacity)
    /// Whether arrivals have ended: cups from then on are the tail. The run's state, so a reset keeps it.
    private var arrivalsEnded = false

    // MARK: - Recording

    mutating func planned() {
        totals.planned += 1
        current.planned += 1
    }

    /// `slowly`: a slow customer, writing its order a few bytes at a time.
    mutating func sent(slowly: Bool = false) {
        totals.sent += 1
        current.sent += 1
        if slowly { totals.slow += 1 }
    }

    mutating func notSent(_ reason: NotSentReason) {
        totals.notSent += 1
        totals.notSentReasons[reason, default: 0] += 1
        current.notSent += 1
    }

    /// `outside`: the customer was still waiting for a connection or connecting when patience ran out.
    mutating func walkedOut(outside: Bool) {
        totals.walkedOut += 1
        if outside { totals.walkedOutOutside += 1 }
        current.walkedOut += 1
    }

    /// The door closed with `inside` customers still in this café: what is served from now on is the tail.
    mutating func endArrivals(inside: Int) {
        guard !arrivalsEnded else { return }
        arrivalsEnded = true
        totals.insideWhenArrivalsEnded = inside
    }

    /// A visit ended (any way but never sent), `seconds` after the start: the end of the tail so far.
    mutating func visitEnded(atSeconds seconds: Double) { totals.lastVisitEndedSeconds = seconds }

    mutating func cutOff() { totals.cutOff += 1 }

    mutating func failed(_ failure: VisitFailure) {
        totals.errors[failure, default: 0] += 1
        current.errors += 1
    }

    /// A complete response. Only cups (2xx, 3xx) go into the latency histograms: a fast refusal is not a
    /// fast coffee.
    mutating func answered(status: Int, fromPlanned: Duration, fromSent: Duration?) {
        totals.statusCounts[status, default: 0] += 1
        guard status < 400 else {
            totals.refused += 1
            current.refused += 1
            return
        }
        totals.served += 1
        if !arrivalsEnded { totals.servedWhileArriving += 1 }
        current.served += 1
        let correctedMicros = Self.micros(fromPlanned)
        let uncorrectedMicros = Self.micros(fromSent ?? fromPlanned)
        corrected.record(correctedMicros)
        uncorrected.record(uncorrectedMicros)
        correctedSum &+= correctedMicros
        uncorrectedSum &+= uncorrectedMicros
        let slot = current.second % Self.windowSeconds
        if windowSecond[slot] != current.second {
            window[slot].reset()
            windowSum[slot] = 0
            windowSecond[slot] = current.second
        }
        window[slot].record(correctedMicros)
        windowSum[slot] &+= correctedMicros
        lastRecordedSecond = current.second
        latencyVersion += 1
        totalsVersion += 1
    }

    static func micros(_ duration: Duration) -> UInt64 {
        min(UInt64(max(duration.microseconds, 0)), highestMicroseconds)
    }

    // MARK: - Seconds

    /// Closes the rows of every second before `second`.
    mutating func advance(toSecond second: Int) {
        while current.second < second {
            let slot = current.second % Self.windowSeconds
            if windowSecond[slot] == current.second {
                let second = LatencyReading([window[slot]])
                current.p50Ms = Double(second.value(atPercentile: 50)) / 1000
                current.p99Ms = Double(second.value(atPercentile: 99)) / 1000
            }
            // The live window changes only while a recorded second is still in it.
            if current.second < lastRecordedSecond + Self.windowSeconds { latencyVersion += 1 }
            if rows.count == Self.rowCapacity { rows.removeFirst() }
            rows.append(current)
            current = SecondRow(second: current.second + 1)
        }
    }

    /// Forgets everything counted so far (the screen's "reset"); the second clock keeps going.
    mutating func reset(label: String, url: String) {
        corrected.reset()
        uncorrected.reset()
        for index in window.indices { window[index].reset() }
        windowSum = windowSum.map { _ in 0 }
        correctedSum = 0
        uncorrectedSum = 0
        totals = TargetSnapshot(label: label, url: url)
        current = SecondRow(second: current.second)
        rows.removeAll()
        latencyVersion += 1
        totalsVersion += 1
    }

    // MARK: - Reading

    /// The target's snapshot: totals plus percentiles computed now.
    /// `exact`: the since-start percentiles are brought up to date too (the final summary, tests).
    mutating func snapshot(inFlight: InFlight, exact: Bool = true) -> TargetSnapshot {
        var snapshot = totals
        snapshot.inFlight = inFlight
        if recentCache?.version != latencyVersion {
            var live: [LatencyCounts] = []
            var sum: UInt64 = 0
            for slot in window.indices
            where windowSecond[slot] > current.second - Self.windowSeconds
                && windowSecond[slot] >= 0
            {
                live.append(window[slot])
                sum &+= windowSum[slot]
            }
            let recent = LatencyReading(live, digits: 2)
            recentCache = (latencyVersion, Self.summary(recent, sum: sum), Self.bars(recent))
        }
        snapshotsSinceTotals += 1
        if totalCache?.version != totalsVersion
            && (exact || totalCache == nil
                || snapshotsSinceTotals >= Self.snapshotsPerTotals)
        {
            totalCache = (
                totalsVersion, Self.summary(LatencyReading([corrected]), sum: correctedSum),
                Self.summary(LatencyReading([uncorrected]), sum: uncorrectedSum)
            )
            snapshotsSinceTotals = 0
        }
        if let recentCache {
            snapshot.recent = recentCache.recent
            snapshot.latencyBars = recentCache.bars
        }
        if let totalCache {
            snapshot.corrected = totalCache.corrected
            snapshot.uncorrected = totalCache.uncorrected
        }
        snapshot.rows = Array(rows)
        snapshot.servedPerSecond = rows.suffix(60).map(\.served)
        return snapshot
    }

    /// Count, mean (from `sum`, the microseconds recorded: exact), percentiles and maximum, as the library's
    /// histogram would give them.
    static func summary(_ reading: LatencyReading, sum: UInt64) -> LatencySummary {
        var summary = LatencySummary()
        summary.count = Int(reading.total)
        guard reading.total > 0 else { return summary }
        summary.meanMs = Double(sum) / Double(reading.total) / 1000
        summary.p50Ms = Double(reading.value(atPercentile: 50)) / 1000
        summary.p90Ms = Double(reading.value(atPercentile: 90)) / 1000
        summary.p99Ms = Double(reading.value(atPercentile: 99)) / 1000
        summary.p999Ms = Double(reading.value(atPercentile: 99.9)) / 1000
        summary.maxMs = Double(reading.max) / 1000
        return summary
    }

    static func bars(_ reading: LatencyReading) -> [LatencyBar] {
        bars(counting: { reading.count(within: $0) })
    }

    private static func bars(counting count: (ClosedRange<UInt64>) -> UInt64) -> [LatencyBar] {
        var bars: [LatencyBar] = []
        var lower: UInt64 = 0
        for edge in barEdgesMs {
            let upper = UInt64(edge * 1000)
            let inBar = lower == 0 ? count(0...upper) : count((lower + 1)...upper)
            bars.append(LatencyBar(upToMs: edge, count: Int(inBar)))
            lower = upper
        }
        bars.append(
            LatencyBar(upToMs: Double(highestMicroseconds) / 1000, count: Int(count((lower + 1)...highestMicroseconds)))
        )
        return bars
    }
}
