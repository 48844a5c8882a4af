/// A small, fast random generator (SplitMix64) that gives the same numbers for the same seed, so a Poisson
/// crowd can be replayed exactly: the same customers at the same instants in a lesson, a test or a rerun.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in (0, 1], never 0, so its logarithm is finite.
    public mutating func nextUnitInterval() -> Double {
        Double((next() >> 11) + 1) / Double(1 << 53)
    }
}
