/// The one place where a `Duration` becomes a number of some unit, and back: every café number is shown in
/// milliseconds, the load generator's histograms count microseconds, nanosleep and NIO take nanoseconds. (NIO's
/// own `TimeAmount(_: Duration)` and `Duration(_: TimeAmount)` convert to and from its `TimeAmount`.)
extension Duration {
    /// This duration in (fractional) milliseconds, the unit every café number is shown in.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// This duration in (fractional) seconds.
    public var seconds: Double { milliseconds / 1000 }

    /// Whole microseconds, toward zero.
    public var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    /// Whole nanoseconds, toward zero.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// A duration of fractional milliseconds.
    public static func milliseconds(_ value: Double) -> Duration {
        .nanoseconds(Int64((value * 1_000_000).rounded()))
    }
}
