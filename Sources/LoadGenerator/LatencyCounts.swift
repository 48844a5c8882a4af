/// How many answers took how long (microseconds, 1 µs to an hour), in the buckets of an HdrHistogram of two or
/// three significant digits, with the same percentiles and bar counts as the library's `Histogram`.
///
/// On the load generator: the live window's summary is read 20 times a second per café, the since-start ones once
/// a second. The library's histogram, generic and not specialised across modules, spent about 35 instructions on
/// each bucket per percentile (3,328 buckets at two digits, 22,528 at three; five percentiles and fifteen bars a
/// summary); here one pass over plain counts answers them all (`LatencyReading`). Tests hold every figure to the
/// library's.
struct LatencyCounts {
    /// Buckets as HdrHistogram lays them out for `lowestDiscernibleValue: 1`: `2 × halfCount` exact values, then for
    /// each doubling `halfCount` buckets of width 2^k (two digits: 128, three: 1,024).
    let halfCountMagnitude: Int
    var halfCount: Int { 1 << halfCountMagnitude }
    var length: Int { counts.count }

    private(set) var counts: [UInt64]
    private(set) var total: UInt64 = 0
    private(set) var maxValue: UInt64 = 0
    private(set) var minNonZeroValue = UInt64.max

    /// `digits`: 2 or 3, as `SignificantDigits`.
    init(digits: Int) {
        // The library's sub-bucket count is the power of two at or above 2 × 10^digits; half of it, as a magnitude.
        let singleUnitValues = 2 * Self.pow10(digits)
        halfCountMagnitude = (Int.bitWidth - (singleUnitValues - 1).leadingZeroBitCount) - 1
        let length =
            (Int(Self.bucketsNeeded(Recorder.highestMicroseconds, halfCount: 1 << halfCountMagnitude)) + 1)
            << halfCountMagnitude
        counts = [UInt64](repeating: 0, count: length)
    }

    private static func pow10(_ digits: Int) -> Int { (0..<digits).reduce(1) { value, _ in value * 10 } }

    mutating func record(_ value: UInt64) {
        let value = min(value, Recorder.highestMicroseconds)
        counts[index(value)] &+= 1
        total += 1
        maxValue = max(maxValue, value)
        if value > 0 { minNonZeroValue = min(minNonZeroValue, value) }
    }

    mutating func reset() {
        guard total > 0 else { return }
        for index in counts.indices { counts[index] = 0 }
        total = 0
        maxValue = 0
        minNonZeroValue = .max
    }

    // MARK: - HdrHistogram's arithmetic, for a unit of 1

    static func bucketsNeeded(_ value: UInt64, halfCount: Int) -> UInt64 {
        var smallestUntrackable = UInt64(2 * halfCount)
        var buckets: UInt64 = 1
        while smallestUntrackable <= value {
            smallestUntrackable <<= 1
            buckets += 1
        }
        return buckets
    }

    func bucket(_ value: UInt64) -> Int {
        (64 - halfCountMagnitude - 1) - (value | UInt64(2 * halfCount - 1)).leadingZeroBitCount
    }

    func index(_ value: UInt64) -> Int {
        let bucket = bucket(value)
        return (bucket + 1) << halfCountMagnitude + Int(value >> bucket) - halfCount
    }

    func value(atIndex index: Int) -> UInt64 {
        var bucket = (index >> halfCountMagnitude) - 1
        var subBucket = (index & (halfCount - 1)) + halfCount
        if bucket < 0 {
            subBucket -= halfCount
            bucket = 0
        }
        return UInt64(subBucket) << bucket
    }

    func highestEquivalent(_ value: UInt64) -> UInt64 {
        let bucket = bucket(value)
        let lowest = (value >> bucket) << bucket
        return lowest + (1 << bucket) - 1
    }
}
