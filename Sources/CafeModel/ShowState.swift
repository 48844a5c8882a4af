/// Everything one café pane shows, merged from the server's own view (`/stats`: the door, the baristas, the
/// loop) and the load generator's client view (cups, walk-outs, waits measured from the planned arrival).
///
/// A plain value built by the Runner ~10–20 times a second; the Dashboard only draws it.
public struct ShowState: Equatable, Sendable {
    public var cafe: CafeKind

    // The door: customers not yet taken in.
    /// The kernel's accept queue plus connections accepted whose order is not yet being made.
    public var doorQueue: Int
    /// `doorQueue`, sampled about once a second: the queue over the last minute.
    public var doorHistory: History

    // The bar.
    /// Sync café: one entry per barista (worker thread).
    public var baristas: [Barista]
    /// Async café: one entry per barista (event loop).
    public var loops: [Loop]
    /// Async café in offload mode: the back room (helper threads).
    public var helpers: Helpers?

    // The cups.
    /// Cups handed over (2xx responses the load generator received).
    public var served: Int
    public var servedPerSecond: Double
    public var servedHistory: History
    /// Customers who ran out of patience (client timeouts).
    public var walkedOut: Int
    /// Failed exchanges: refused connections, resets, non-2xx answers.
    public var errors: Int

    // The wait, from each customer's planned arrival to the cup (no coordinated omission).
    public var waitP50Ms: Double?
    public var waitP99Ms: Double?
    /// Mean time in the shop of the customers served lately: W of Little's law.
    public var waitMeanMs: Double?
    /// Customers per wait bucket; bucket `i` holds waits up to `ShowState.waitBucketBoundsMs[i]`, the last one
    /// everything longer.
    public var waitHistogram: [Int]

    // The whole shop.
    /// Customers inside the shop as the client sees them (sent, not yet answered): L of Little's law.
    public var inShop: Int
    /// Customers actually arriving per second lately: λ of Little's law (nil: use the offered rate).
    public var arrivalsPerSecond: Double?

    /// Set when the café's server has died: why, with its last stderr line.
    public var serverDown: String?

    /// Upper bounds of the wait histogram's buckets in milliseconds; one more bucket holds the rest.
    public static let waitBucketBoundsMs: [Double] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]

    public init(
        cafe: CafeKind, doorQueue: Int = 0, doorHistory: History = History(), baristas: [Barista] = [],
        loops: [Loop] = [], helpers: Helpers? = nil, served: Int = 0, servedPerSecond: Double = 0,
        servedHistory: History = History(), walkedOut: Int = 0, errors: Int = 0, waitP50Ms: Double? = nil,
        waitP99Ms: Double? = nil, waitMeanMs: Double? = nil, waitHistogram: [Int] = [], inShop: Int = 0,
        arrivalsPerSecond: Double? = nil, serverDown: String? = nil
    ) {
        self.cafe = cafe
        self.doorQueue = doorQueue
        self.doorHistory = doorHistory
        self.baristas = baristas
        self.loops = loops
        self.helpers = helpers
        self.served = served
        self.servedPerSecond = servedPerSecond
        self.servedHistory = servedHistory
        self.walkedOut = walkedOut
        self.errors = errors
        self.waitP50Ms = waitP50Ms
        self.waitP99Ms = waitP99Ms
        self.waitMeanMs = waitMeanMs
        self.waitHistogram = waitHistogram
        self.inShop = inShop
        self.arrivalsPerSecond = arrivalsPerSecond
        self.serverDown = serverDown
    }

    /// One sync barista: a worker thread, idle or by the machine.
    public struct Barista: Equatable, Sendable {
        public var state: ThreadState
        /// How long it has been in this state.
        public var forMs: Double
        /// The brew it is making, when busy: with `forMs`, its progress.
        public var brewMs: Double?
        /// The customer it is serving (the request's `X-Customer-Id`), when busy.
        public var customer: String?

        public init(state: ThreadState, forMs: Double = 0, brewMs: Double? = nil, customer: String? = nil) {
            self.state = state
            self.forMs = forMs
            self.brewMs = brewMs
            self.customer = customer
        }

        /// How far the current cup is, from 0 to 1; nil when idle or the brew length is unknown.
        public var progress: Double? {
            guard state != .idle, let brewMs, brewMs > 0 else { return nil }
            return min(max(forMs / brewMs, 0), 1)
        }
    }

    /// One async barista: an event loop, taking orders or blocked, and its buzzers.
    public struct Loop: Equatable, Sendable {
        public var state: ThreadState
        /// How late the loop's probe timer fired: how long nobody was taking orders.
        public var lagMs: Double
        /// The worst lag of the last second (a blocked loop shows here even between probes).
        public var maxLagMs: Double
        /// Customers holding a buzzer on this loop.
        public var awaiting: Int

        public init(state: ThreadState, lagMs: Double = 0, maxLagMs: Double = 0, awaiting: Int = 0) {
            self.state = state
            self.lagMs = lagMs
            self.maxLagMs = maxLagMs
            self.awaiting = awaiting
        }

        /// The loop cannot take orders: its thread is stuck in a blocking call or a long CPU brew.
        public var isBlocked: Bool { state == .blocked || lagMs >= ShowState.blockedLagMs }
    }

    /// A loop lag from which the screen says BLOCKED: asyncio's debug mode warns from 100 ms
    /// (`slow_callback_duration`); a loop that cannot run a 10 ms timer for 50 ms is visibly stuck.
    public static let blockedLagMs: Double = 50

    /// The async café's back room: helper threads for blocking work, exactly as `/stats` reports it.
    public typealias Helpers = ServerStats.OffloadStats

    /// Customers holding a buzzer, over all loops.
    public var awaiting: Int { loops.reduce(0) { $0 + $1.awaiting } }

    /// Sync baristas standing by the machine (blocked or running a CPU brew).
    public var busyBaristas: Int { baristas.filter { $0.state != .idle }.count }

    /// Takes in the server's side of the picture from a `/stats` snapshot: the door, the bar, the back room.
    /// The client side (cups, waits, walk-outs, in-shop) is left as it is.
    public mutating func absorb(_ stats: ServerStats) {
        let notStarted = stats.inProgress.filter { $0.phase == .parsing }.count
        doorQueue = (stats.acceptQueue?.length ?? 0) + notStarted
        baristas = stats.workers.map {
            Barista(state: $0.state, forMs: $0.forMs, brewMs: $0.brewMs, customer: $0.customerId)
        }
        loops = stats.loops.map {
            Loop(state: $0.state, lagMs: $0.lagMs, maxLagMs: $0.maxLagMs, awaiting: $0.awaiting)
        }
        // The back room only matters while the async café offloads; in await or block mode nobody is there.
        helpers = stats.config.handler == .offload
            ? stats.offload : nil
        serverDown = nil
    }
}
