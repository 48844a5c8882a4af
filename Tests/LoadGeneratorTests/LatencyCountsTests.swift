import Histogram
import TestSupport
import Testing

@testable import LoadGenerator

/// The generator's latency tallies answer what the library's histogram answers, figure for figure.
@Suite("Latency tallies", .onOwnThreads)
struct LatencyCountsTests {
    /// Latencies from a microsecond to the top, dense where answers usually are, with zeros and the extremes.
    static func samples(seed: UInt64, count: Int) -> [UInt64] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var values: [UInt64] = [0, 1, 255, 256, 257, 1_000, 1_001, Recorder.highestMicroseconds]
        for _ in 0..<count {
            let magnitude = next() % 33
            values.append(min(next() % (UInt64(1) << magnitude), Recorder.highestMicroseconds))
        }
        return values
    }

    @Test(
        "percentiles, maximum and bars equal the library histogram's, at two and three digits, merged or not",
        arguments: [(1, 2), (2, 2), (3, 3), (4, 3)])
    func sameFigures(seed: Int, digits: Int) {
        var seconds = (0..<3).map { _ in LatencyCounts(digits: digits) }
        var library = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: Recorder.highestMicroseconds,
            numberOfSignificantValueDigits: digits == 2 ? .two : .three)
        for (index, value) in Self.samples(seed: UInt64(seed), count: 3_000).enumerated() {
            seconds[index % 3].record(value)
            library.record(value)
        }
        let reading = LatencyReading(seconds)
        #expect(reading.total == library.totalCount)
        for percentile in [0.0, 1, 50, 90, 99, 99.9, 100] {
            #expect(reading.value(atPercentile: percentile) == library.valueAtPercentile(percentile), "p\(percentile)")
        }
        #expect(reading.max == library.max)
        let edges: [UInt64] = [
            0, 1, 999, 1_000, 1_001, 2_000, 5_000, 100_000, 30_000_000, Recorder.highestMicroseconds,
        ]
        for low in edges {
            for high in edges where high >= low {
                #expect(reading.count(within: low...high) == library.count(within: low...high), "\(low)...\(high)")
            }
        }
        var lower: UInt64 = 0
        for (bar, edge) in zip(Recorder.bars(reading), Recorder.barEdgesMs) {
            let upper = UInt64(edge * 1000)
            let expected = lower == 0 ? library.count(within: 0...upper) : library.count(within: (lower + 1)...upper)
            #expect(bar.count == Int(expected), "bar up to \(edge) ms")
            lower = upper
        }
    }

    @Test("an empty window reads as nothing; a reset second forgets what it held")
    func emptyAndReset() {
        #expect(LatencyReading([]).total == 0)
        #expect(LatencyReading([]).value(atPercentile: 50) == 0)
        var second = LatencyCounts(digits: 2)
        second.record(1_234)
        // The top of its bucket (1,232–1,239 µs), held to the largest value recorded, as the library does.
        #expect(LatencyReading([second]).value(atPercentile: 50) == 1_234)
        #expect(LatencyReading([second]).max == 1_239)
        second.reset()
        #expect(LatencyReading([second]).total == 0)
        #expect(LatencyReading([second]).max == 0)
    }
}
