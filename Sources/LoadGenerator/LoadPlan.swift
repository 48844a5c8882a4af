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
    /// The generator's own limit on customers in flight to each café (each café on its own, so one café's full
    /// door cannot starve the other); a customer planned beyond it is not sent and is counted as such, never late.
    public var maxInFlight: Int
    /// The day ends this long after the start (no more arrivals), or nil.
    public var duration: Duration?
    /// The day ends after this many customers, or nil.
    public var count: Int?
    /// Values for `{name}` placeholders in a café's path template besides `{ms}` and `{kind}` (which come from
    /// `order`): the show fills `{mode}` with the async handler, so `m` changes what uvicorn is asked to do.
    public var pathValues: [String: String] = [:]
    /// The share of customers (0…1) who are slow: they write their request a few bytes at a time, spread over
    /// `slowFor` (a slow client, Slowloris). Which ones is fixed by `slowSeed` and the customer's number, so the
    /// same customers are slow in every café, at the same instants.
    public var slowShare: Double
    /// How long a slow customer takes to write its whole request; then it reads the answer as usual.
    public var slowFor: Duration
    /// Picks which customers are slow (with `slowShare`): the same seed, the same slow customers.
    public var slowSeed: UInt64
    /// The share of customers (0…1) who ask for a static file instead of a cup: they go to the targets whose
    /// `split` is `.staticOnly` (nginx's static folder), the others to `.dynamicOnly` ones (the café behind it).
    /// Targets taking everyone get every customer as before.
    public var staticShare: Double = 0

    public init(
        arrivals: Arrivals = .constant(Rate(perSecond: 10)), order: Order = Order(milliseconds: 100),
        patience: Duration = .seconds(10), keepAlive: Bool = false, connections: Int? = nil,
        maxInFlight: Int = 10_000, duration: Duration? = nil, count: Int? = nil, slowShare: Double = 0,
        slowFor: Duration = .seconds(5), slowSeed: UInt64 = 1
    ) {
        self.arrivals = arrivals
        self.order = order
        self.patience = patience
        self.keepAlive = keepAlive
        self.connections = connections
        self.maxInFlight = maxInFlight
        self.duration = duration
        self.count = count
        self.slowShare = slowShare
        self.slowFor = slowFor
        self.slowSeed = slowSeed
    }

    /// Whether customer number `id` is slow under this plan. Spread evenly, not by coin toss: of any run of
    /// customers, the share that are slow is `slowShare` to within one (every fifth at 20 %), starting at a
    /// place the seed picks. A customer's number is the same in every café, so the same ones are slow in each.
    public func isSlow(customer id: Int) -> Bool {
        guard slowShare > 0, slowFor > .zero else { return false }
        guard slowShare < 1 else { return true }
        var generator = SeededGenerator(seed: slowSeed)
        let offset = generator.nextUnitInterval()
        return (Double(id) * slowShare + offset).rounded(.down) > (Double(id - 1) * slowShare + offset).rounded(.down)
    }

    /// Whether customer number `id` asks for a static file: spread evenly like the slow ones (every third at
    /// 33 %), from another place in the sequence, so being slow and asking for a file are not tied together.
    public func isStatic(customer id: Int) -> Bool {
        guard staticShare > 0 else { return false }
        guard staticShare < 1 else { return true }
        var generator = SeededGenerator(seed: slowSeed &+ 0x5747_4943)
        let offset = generator.nextUnitInterval()
        let before = (Double(id - 1) * staticShare + offset).rounded(.down)
        return (Double(id) * staticShare + offset).rounded(.down) > before
    }

    /// How many pieces a slow customer's request of `bytes` is written in: one every 100 ms or so (at least
    /// two: the first at once, the last `slowFor` later), never more than one per byte.
    static func slowPieces(bytes: Int, over duration: Duration) -> Int {
        let tenths = Int((duration / .milliseconds(100)).rounded(.down))
        return max(min(bytes, tenths + 1), min(bytes, 2))
    }
}
