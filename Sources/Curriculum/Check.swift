import CafeModel

/// A claim about the live numbers that the cafés must prove within a time: `sync.served_per_s >= 35 within 10s`,
/// `sync.p50_ms > 3 * async.p50_ms`. It passes once it has held for `hold` without a break.
public struct Check: Equatable, Sendable {
    public var metric: Metric
    public var comparison: Comparison
    public var bound: Bound
    /// From the scene's start, how long the cafés have to prove it.
    public var within: Duration
    /// How long it must hold without a break (one noisy frame proves nothing).
    public var hold: Duration
    /// From the scene's start, how long before it may pass: a ceiling (`<=`) proves nothing while the figures
    /// are still rising from zero, so those wait 3 s by default.
    public var after: Duration
    /// The check as written, for the panel.
    public var text: String
    public var line: Int

    public static let defaultWithin: Duration = .seconds(15)
    public static let defaultHold: Duration = .seconds(1)

    public enum Comparison: String, CaseIterable, Sendable {
        case atLeast = ">=", atMost = "<=", greater = ">", less = "<"

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .atLeast: return value >= bound
            case .atMost: return value <= bound
            case .greater: return value > bound
            case .less: return value < bound
            }
        }
    }

    /// What the metric is compared with: a number, or another figure times a factor.
    public enum Bound: Equatable, Sendable {
        case number(Double)
        case metric(Metric, times: Double)
        /// The theory's figure for the checked metric in the step's scene, times a factor (`0.85 * theory`);
        /// worked out when the lesson is read, so it is a number by the time a check runs.
        case theory(times: Double)

        func value(in frame: ShowFrame) -> Double? {
            switch self {
            case .number(let value): return value
            case .metric(let metric, let factor): return metric.value(in: frame).map { $0 * factor }
            case .theory: return nil
            }
        }
    }

    public init(
        metric: Metric, comparison: Comparison, bound: Bound, within: Duration = Check.defaultWithin,
        hold: Duration = Check.defaultHold, after: Duration? = nil, text: String, line: Int = 0
    ) {
        self.after = after ?? (comparison == .atMost || comparison == .less ? .seconds(3) : .zero)
        self.metric = metric
        self.comparison = comparison
        self.bound = bound
        self.within = within
        self.hold = hold
        self.text = text
        self.line = line
    }

    /// True when the frame's numbers satisfy the claim; nil while a figure is unknown.
    public func holds(in frame: ShowFrame) -> Bool? {
        guard let value = metric.value(in: frame), let bound = bound.value(in: frame) else { return nil }
        return comparison.holds(value, bound)
    }

    /// "saw 12.0/s" (and the other side, when it is a figure too).
    public func seen(in frame: ShowFrame) -> String? {
        guard let value = metric.value(in: frame) else { return nil }
        var text = "saw " + Metric.format(value, metric.name)
        if case .metric(let other, _) = bound, let otherValue = other.value(in: frame) {
            text += " vs \(other) " + Metric.format(otherValue, other.name)
        }
        return text
    }
}
