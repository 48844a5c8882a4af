import CafeModel
import LoadGenerator

/// The customers' side of one café pane, taken from the load generator's snapshot of that café.
enum ClientView {
    static func apply(_ target: TargetSnapshot, to state: inout ShowState) {
        state.served = target.served
        state.servedPerSecond = Double(target.servedPerSecond.last ?? 0)
        state.servedHistory = History(capacity: 60, samples: target.servedPerSecond.map(Double.init))
        state.walkedOut = target.walkedOut
        state.errors = target.errorCount + target.refused
        let recent = target.recent
        state.waitP50Ms = recent.count > 0 ? recent.p50Ms : nil
        state.waitP99Ms = recent.count > 0 ? recent.p99Ms : nil
        state.waitMeanMs = recent.count > 0 ? recent.meanMs : nil
        state.waitHistogram = buckets(target.latencyBars)
        state.inShop = target.inFlight.total
        // λ over the same few seconds as W (the generator's recent window), not one noisy second.
        let lastRows = target.rows.suffix(windowSeconds)
        state.arrivalsPerSecond = lastRows.isEmpty ? nil : Double(lastRows.reduce(0) { $0 + $1.planned }) / Double(lastRows.count)
    }

    /// Seconds of the generator's recent latency window, which W (the mean wait) covers.
    static let windowSeconds = 5

    /// Re-buckets the generator's latency bars into the screen's fixed wait buckets.
    static func buckets(_ bars: [LatencyBar]) -> [Int] {
        let bounds = ShowState.waitBucketBoundsMs
        var counts = Array(repeating: 0, count: bounds.count + 1)
        for bar in bars {
            let index = bounds.firstIndex { bar.upToMs <= $0 } ?? bounds.count
            counts[index] += bar.count
        }
        return counts
    }

    /// The newest customer who finished in both cafés, for the ticker line.
    static func ticker(_ snapshot: LoadSnapshot) -> CustomerTrace? {
        guard let customer = snapshot.recentCustomers.last(where: { $0.latencyMs.count >= 2 }) else { return nil }
        func wait(_ index: Int) -> Duration? {
            customer.latencyMs[index].map { Duration.milliseconds($0) }
        }
        return CustomerTrace(customer: customer.id, sync: wait(0), async: wait(1))
    }
}
