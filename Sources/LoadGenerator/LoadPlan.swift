import CafeModel

/// Everything about the customers: how they arrive, what they order, how patient they are, how long the
/// day lasts. The live show changes it while the load runs (`LoadRun.update(plan:)`).
///
/// On the load generator: the offered load (rate and arrival process), the request (`/brew?ms=&kind=`),
/// connection reuse, the client timeout, and the generator's own limits.
public struct LoadPlan: Equatable, Sendable {
    public var arrivals: Arrivals
    /// The order, sent as `/brew?ms=&kind=` to every café whose URL has no path of its own.
    public var order: Order
    /// A customer not served within this, counted from the planned arrival, walks out: the connection is
    /// closed and the customer counted as walked out.
    public var patience: Duration
    /// Reuse connections (HTTP keep-alive) instead of one new connection per customer.
    public var keepAlive: Bool
    /// At most this many connections to each café at once, or nil for none: customers then wait inside the
    /// generator for a free connection, as with `wrk -c`. That wait counts in the latency from the planned
    /// arrival but not in the latency from the send, which is how a closed pool hides a queue.
    public var connections: Int?
    /// The generator's own limit on customers in flight; a customer planned beyond it is not sent and is
    /// counted as such, never sent late.
    public var maxInFlight: Int
    /// The day ends this long after the start (no more arrivals), or nil.
    public var duration: Duration?
    /// The day ends after this many customers, or nil.
    public var count: Int?
    /// Values for `{name}` placeholders in a café's path template besides `{ms}` and `{kind}` (which come from
    /// `order`): the show fills `{mode}` with the async handler, so `m` changes what uvicorn is asked to do.
    public var pathValues: [String: String] = [:]

    public init(
        arrivals: Arrivals = .constant(Rate(perSecond: 10)), order: Order = Order(milliseconds: 100),
        patience: Duration = .seconds(10), keepAlive: Bool = false, connections: Int? = nil,
        maxInFlight: Int = 10_000, duration: Duration? = nil, count: Int? = nil
    ) {
        self.arrivals = arrivals
        self.order = order
        self.patience = patience
        self.keepAlive = keepAlive
        self.connections = connections
        self.maxInFlight = maxInFlight
        self.duration = duration
        self.count = count
    }
}
