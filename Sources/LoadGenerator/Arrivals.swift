import CafeModel

/// How customers come to the cafés.
///
/// Open loop (`constant`, `poisson`, `burst`, `ramp`): customers arrive on a timetable whatever the café does,
/// as on the real street; a slow café grows a queue, and the queue shows in the latency. Closed loop
/// (`closed`): a fixed crowd, each customer ordering again once served (after `think`), as `wrk` and most
/// benchmark tools do; a slow café then simply gets fewer orders, which hides its queue.
public enum Arrivals: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// One customer every 1/rate seconds, exactly.
    case constant(Rate)
    /// Random arrivals with the given mean rate (exponential gaps), the same for the same seed.
    case poisson(Rate, seed: UInt64)
    case burst(Burst)
    case ramp(Ramp)
    /// `customers` customers per café, each ordering again `think` after being served.
    case closed(customers: Int, think: Duration)

    /// The mean offered rate, for open-loop arrivals (for a ramp: the rate it ends at).
    public var nominalRate: Double? {
        switch self {
        case .constant(let rate), .poisson(let rate, _): return rate.perSecond
        case .burst(let burst): return Double(burst.size) / burst.every.seconds
        case .ramp(let ramp): return ramp.to.perSecond
        case .closed: return nil
        }
    }

    public var description: String {
        switch self {
        case .constant(let rate): return "\(rate) constant"
        case .poisson(let rate, let seed): return "\(rate) poisson (seed \(seed))"
        case .burst(let burst): return "bursts of \(burst)"
        case .ramp(let ramp): return "ramp \(ramp)"
        case .closed(let customers, let think):
            return "\(customers) customers in a closed loop" + (think > .zero ? ", thinking \(think)" : "")
        }
    }
}
