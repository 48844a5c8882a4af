/// Little's law checked live over one stated window: customers in the shop (L, averaged over the window) against
/// arrivals per second × seconds each customer stays (λ·W), all three over the same seconds.
///
/// The law holds for long-run averages of a café whose line has stopped growing. When more arrive than leave,
/// the café is not in steady state and the screen says so instead of claiming agreement.
public struct LittleWindow: Equatable, Sendable {
    /// Seconds the window covers (shorter just after a start or a reset).
    public var seconds: Double
    /// Customers inside right now.
    public var inShopNow: Int
    /// Customers inside, averaged over the window: L.
    public var inShopMean: Double
    /// Customers arriving per second over the window: λ.
    public var arrivalsPerSecond: Double
    /// Customers leaving per second over the window: served, walked out or failed.
    public var departuresPerSecond: Double
    /// Mean seconds in the shop of the customers who left during the window (walk-outs count their patience): W.
    public var timeInShopSeconds: Double?

    public init(
        seconds: Double, inShopNow: Int, inShopMean: Double, arrivalsPerSecond: Double, departuresPerSecond: Double,
        timeInShopSeconds: Double?
    ) {
        self.seconds = seconds
        self.inShopNow = inShopNow
        self.inShopMean = inShopMean
        self.arrivalsPerSecond = arrivalsPerSecond
        self.departuresPerSecond = departuresPerSecond
        self.timeInShopSeconds = timeInShopSeconds
    }

    /// What the law says about the window.
    public enum Verdict: Equatable, Sendable {
        /// Nobody came and nobody is inside: nothing to check.
        case idle
        /// Too short a window, or nobody left yet: W is unknown.
        case measuring
        /// Arrivals and departures differ: the line grows (positive) or drains (negative) by this many a second.
        case notSteady(netPerSecond: Double)
        /// L and λ·W agree within sampling noise.
        case holds(predicted: Double)
        /// Steady, yet L and λ·W differ (rare: a window too short for the waits).
        case differs(predicted: Double)
    }

    /// λ·W, when W is known.
    public var predicted: Double? { timeInShopSeconds.map { arrivalsPerSecond * $0 } }

    public var verdict: Verdict {
        if arrivalsPerSecond < 0.05 && inShopMean < 0.5 && inShopNow == 0 { return .idle }
        guard seconds >= 1, let predicted else { return .measuring }
        let net = arrivalsPerSecond - departuresPerSecond
        // Poisson arrivals jitter by about √n a window; a tenth of the rate, or one a second, is a real trend.
        if abs(net) > max(1, 0.1 * arrivalsPerSecond) { return .notSteady(netPerSecond: net) }
        return abs(inShopMean - predicted) <= max(1, 0.25 * max(inShopMean, predicted))
            ? .holds(predicted: predicted) : .differs(predicted: predicted)
    }
}
