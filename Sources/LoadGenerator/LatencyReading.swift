/// One or more `LatencyCounts` of the same digits read together (the live window's seconds, or one since-start
/// tally): the running counts made in one pass, then each percentile a binary search.
struct LatencyReading {
    private let layout: LatencyCounts
    private var cumulative: [UInt64]
    let total: UInt64
    let maxValue: UInt64
    let minNonZeroValue: UInt64

    /// `parts` must share their digits; `digits` makes an empty reading's layout.
    init(_ parts: [LatencyCounts], digits: Int = 2) {
        layout = parts.first ?? LatencyCounts(digits: digits)
        var cumulative = [UInt64](repeating: 0, count: layout.length)
        for second in parts where second.total > 0 {
            second.counts.withUnsafeBufferPointer { counts in
                for index in counts.indices { cumulative[index] &+= UInt64(counts[index]) }
            }
        }
        var running: UInt64 = 0
        for index in cumulative.indices {
            running &+= cumulative[index]
            cumulative[index] = running
        }
        self.cumulative = cumulative
        total = running
        maxValue = parts.map(\.maxValue).max() ?? 0
        minNonZeroValue = parts.map(\.minNonZeroValue).min() ?? .max
    }

    /// `Histogram.min`: 0 when a zero was recorded (or nothing), else the lowest value's bucket.
    private var minimum: UInt64 {
        if total == 0 || cumulative[0] > 0 { return 0 }
        let bucket = layout.bucket(minNonZeroValue)
        return (minNonZeroValue >> bucket) << bucket
    }

    /// `Histogram.valueAtPercentile`, the same figure.
    func value(atPercentile percentile: Double) -> UInt64 {
        guard percentile != 0 else { return minimum }
        guard percentile < 100 else { return maxValue }
        let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
        let countAtPercentile = Swift.max(1, UInt64((requested * Double(total) / 100).rounded(.up)))
        // The first bucket whose running count reaches it: a binary search over the running counts.
        var low = 0, high = cumulative.count - 1
        guard cumulative[high] >= countAtPercentile else { return 0 }
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] >= countAtPercentile { high = middle } else { low = middle + 1 }
        }
        let value = layout.highestEquivalent(layout.value(atIndex: low))
        return Swift.max(Swift.min(value, maxValue), minimum)
    }

    /// `Histogram.count(within:)`, the same figure.
    func count(within range: ClosedRange<UInt64>) -> UInt64 {
        let low = Swift.max(0, layout.index(range.lowerBound))
        let high = Swift.min(layout.index(range.upperBound), cumulative.count - 1)
        guard low <= high else { return 0 }
        return cumulative[high] - (low > 0 ? cumulative[low - 1] : 0)
    }

    /// `Histogram.max`: the highest value's bucket's top.
    var max: UInt64 { maxValue == 0 ? 0 : layout.highestEquivalent(maxValue) }
}
