/// Everything one café pane shows, merged from the server's own view (`/stats`: the door, the baristas, the
/// loop) and the load generator's client view (cups, walk-outs, waits measured from the planned arrival).
///
/// A plain value built by the Runner ~10–20 times a second; the Dashboard only draws it.
public struct ShowState: Equatable, Sendable {
    public var cafe: CafeKind

    // The door: customers not yet taken in.
    /// The kernel's accept queue plus connections accepted whose order is not yet being made.
    public var doorQueue: Int
    /// Of `doorQueue`, customers who have already walked out: their connection still waits in the kernel's queue
    /// and the café will take it in and brew for nobody (as gunicorn does).
    public var goneAtDoor: Int
    /// How many the door holds (the listen backlog); a full door makes the kernel turn newcomers away.
    public var doorCapacity: Int?
    /// Of `doorQueue`, customers whose order the café is reading with no barista standing at it (the async loop
    /// reads a slow customer's order between other work); the rest of the door has not been taken in yet.
    public var ordering: Int
    /// Customers still trying to get in (connecting): outside a full door, the kernel makes them retry.
    public var connecting: Int
    /// `doorQueue`, sampled about once a second: the queue over the last minute.
    public var doorHistory: History
    /// The back room's waiting line (customers waiting for a helper), sampled with `doorHistory`.
    public var backRoomHistory: History

    // The bar.
    /// Sync café: one entry per barista (worker thread).
    public var baristas: [Barista]
    /// Async café: one entry per barista (event loop).
    public var loops: [Loop]
    /// Async café: the back room (helper threads), while it offloads or still has cups from when it did.
    public var helpers: Helpers?

    // The cups.
    /// Cups handed over (2xx responses the load generator received).
    public var served: Int
    /// Cups per second over the last `rateWindowSeconds` whole seconds (one second is Poisson noise).
    public var servedPerSecond: Double
    /// Customers per second the timetable sent this café over the same seconds as `servedPerSecond`; nil when
    /// unknown (a picture made without the generator).
    public var offeredPerSecond: Double?
    /// The whole seconds `servedPerSecond` and `offeredPerSecond` cover (fewer just after a start or a reset).
    public var rateWindowSeconds: Int
    public var servedHistory: History
    /// Cups the café brewed for a customer who had already walked out: work for nobody.
    public var brewedForNobody: Int
    /// Customers who ran out of patience (client timeouts).
    public var walkedOut: Int
    /// Of `walkedOut`, those who walked out in the last few seconds (the rate window): whether overload is now.
    public var walkedOutLately: Int
    /// Customers who got no cup for another reason, by kind, the most frequent first.
    public var failures: [Failure]
    /// Answers of 400–499 the café counted in its `/stats` that no customer received (the customer had walked
    /// out or hung up before the answer came); 0 when every 4xx reached a customer.
    public var unseen4xx: Int
    /// The code and reason the café answered most among its 4xx ("408 Request Timeout" when it waited in vain
    /// for orders); nil when unknown.
    public var unseen4xxStatus: String?
    /// Customers the load generator could not send here at all (its own limit or shortage), and why; nil while
    /// every customer went out.
    public var notSent: NotSent?
    /// Seconds since the last cup was handed over; nil before the first.
    public var secondsSinceLastCup: Double?

    // The wait, from each customer's planned arrival to the cup (no coordinated omission).
    public var waitP50Ms: Double?
    public var waitP99Ms: Double?
    /// How old the wait figures are: 0 while cups keep coming, else the seconds since the window they describe.
    public var waitAgeSeconds: Double
    /// Customers per wait bucket; bucket `i` holds waits up to `ShowState.waitBucketBoundsMs[i]`, the last one
    /// everything longer.
    public var waitHistogram: [Int]

    // The whole shop.
    /// Customers inside the shop as the client sees them (sent, not yet answered), now.
    public var inShop: Int
    /// Of `inShop`, customers whose order is of each kind: after a change of brew, the orders from before.
    public var inShopByKind: [BrewKind: Int]
    /// Little's law over one window: L, λ and W measured over the same seconds.
    public var little: LittleWindow?
    /// Cores this café's process used lately (CPU seconds per second).
    public var coresUsed: Double?
    /// Why the door is jammed, when the café cannot take customers in (out of file descriptors).
    public var doorJammed: String?

    /// Seconds since the server's side of this pane (door, bar, back room: `/stats`) was asked for; nil before the
    /// first snapshot. Past `lateStatsSeconds` the pane says how late it is instead of passing it off as now.
    public var statsAgeSeconds: Double?

    /// Server-side figures older than this are drawn as late: a poll every 50 ms makes anything past a second news.
    public static let lateStatsSeconds = 1.0

    /// The server's side of the pane is older than it should be: its `/stats` came back late (or not at all).
    public var statsAreLate: Bool { (statsAgeSeconds ?? 0) >= Self.lateStatsSeconds }

    /// Set when the café's server has died: why, with its last stderr line.
    public var serverDown: String?

    /// Set when this pane is a server barista cannot look inside (`--sync-url`, `--peers python`): where it is and
    /// which rows are unknown. Nil for barista's own cafés.
    public var outsideView: OutsideView?

    /// The server's processes and threads as the kernel sees them (`/proc`), for a server barista cannot ask
    /// (gunicorn, uvicorn, nginx, a `--sync-url` on this machine): what each worker does right now. Nil when the
    /// kernel's view is not read (barista's own cafés, a server on another machine).
    public var insideView: InsideView?

    /// nginx in front of this side (`--proxy nginx`), as it shows itself: nil without a proxy.
    public var front: FrontView?

    /// Failed exchanges: refused connections, resets, non-2xx answers.
    public var errors: Int { failures.reduce(0) { $0 + $1.count } }

    /// Upper bounds of the wait histogram's buckets in milliseconds; one more bucket holds the rest.
    public static let waitBucketBoundsMs: [Double] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]

    public init(cafe: CafeKind) {
        self.cafe = cafe
        doorQueue = 0
        goneAtDoor = 0
        ordering = 0
        connecting = 0
        doorHistory = History()
        backRoomHistory = History()
        baristas = []
        loops = []
        served = 0
        servedPerSecond = 0
        rateWindowSeconds = 0
        servedHistory = History()
        brewedForNobody = 0
        walkedOut = 0
        walkedOutLately = 0
        failures = []
        unseen4xx = 0
        waitAgeSeconds = 0
        waitHistogram = []
        inShop = 0
        inShopByKind = [:]
    }

    /// Customers who got no cup, of one kind: "refused", "timed out connecting", "turned away (503)".
    public struct Failure: Equatable, Sendable {
        public var words: String
        public var count: Int
        /// The kind in a word or two, for a narrow pane: "refused", "reset", "503", "408".
        public var short: String

        public init(_ words: String, _ count: Int, short: String? = nil) {
            self.words = words
            self.count = count
            self.short = short ?? words
        }
    }

    /// One sync barista: a worker thread, idle or by the machine, exactly as `/stats` reports it.
    public typealias Barista = ServerStats.WorkerStats

    /// One async barista: an event loop, taking orders or blocked, and its buzzers, exactly as `/stats` reports it.
    public typealias Loop = ServerStats.LoopStats

    /// A loop lag from which the screen says BLOCKED: asyncio's debug mode warns from 100 ms
    /// (`slow_callback_duration`); a loop that cannot run a 10 ms timer for 50 ms is visibly stuck.
    public static let blockedLagMs: Double = 50

    /// The async café's back room: helper threads for blocking work, exactly as `/stats` reports it.
    public typealias Helpers = ServerStats.OffloadStats

    /// Customers holding a buzzer, over all loops.
    public var awaiting: Int { loops.reduce(0) { $0 + $1.awaiting } }

    /// Sync baristas standing by the machine (blocked or running a CPU brew) or reading an order.
    public var busyBaristas: Int { baristas.filter { $0.state != .idle }.count }

    /// Sync baristas reading an order that has not fully arrived (slow customers).
    public var readingBaristas: Int { baristas.filter { $0.state == .reading }.count }

    /// Takes in the server's side of the picture from a `/stats` snapshot: the door, the bar, the back room, the
    /// cups brewed for nobody. The client side (cups, waits, walk-outs, in-shop) is left as it is.
    public mutating func absorb(_ stats: ServerStats) {
        // Counted by phase on the server when it can (a capped list would undercount a big crowd).
        let parsing = stats.phaseCounts?.parsing ?? stats.inProgress.filter { $0.phase == .parsing }.count
        // A sync barista reading a slow order is at the bar, tied up, not a customer waiting at the door.
        let notStarted = max(parsing - stats.workers.filter { $0.state == .reading }.count, 0)
        doorQueue = (stats.acceptQueue?.length ?? 0) + notStarted
        ordering = notStarted
        goneAtDoor = min(stats.acceptQueue?.gone ?? 0, doorQueue)
        doorCapacity = stats.acceptQueue?.maximum ?? stats.config.backlog
        baristas = stats.workers
        loops = stats.loops
        // The back room shows while the café offloads, and after a switch for as long as cups from then are in it.
        if let room = stats.offload, stats.config.handler == .offload || room.busy + room.waiting > 0 {
            helpers = room
        } else {
            helpers = nil
        }
        brewedForNobody = stats.counters.servedAfterWalkOut
        doorJammed = stats.acceptPausedReason
        serverDown = nil
    }

    /// Customers waiting for a back-room helper (0 without a back room).
    public var waitingForHelper: Int { helpers?.waiting ?? 0 }

    /// Every customer this café has queued somewhere: the door and the back room.
    public var queued: Int { doorQueue + waitingForHelper }

    /// The door holds as many as it can: the kernel turns newcomers away and they retry from outside.
    public var doorIsFull: Bool {
        guard let doorCapacity, doorCapacity > 0 else { return false }
        return doorQueue >= doorCapacity
    }
}

extension ServerStats.WorkerStats {
    /// A barista as a screen or a test draws it; `id` is its place at the bar.
    public init(state: ThreadState, forMs: Double = 0, brewMs: Double? = nil, customer: String? = nil, id: Int = 0) {
        self.init(id: id, state: state, customerId: customer, forMs: forMs, brewMs: brewMs)
    }

    /// The customer it is serving (the request's `X-Customer-Id`), when busy.
    public var customer: String? { customerId }

    /// How far the current cup is, from 0 to 1; nil when idle or the brew length is unknown.
    public var progress: Double? {
        guard state != .idle, let brewMs, brewMs > 0 else { return nil }
        return min(max(forMs / brewMs, 0), 1)
    }
}

extension ServerStats.LoopStats {
    /// A loop as a screen or a test draws it; `id` is its place at the bar.
    public init(
        state: ThreadState, lagMs: Double = 0, maxLagMs: Double = 0, awaiting: Int = 0, id: Int = 0,
        customers: Int? = nil, doorQueue: Int? = nil
    ) {
        self.init(
            id: id, state: state, lagMs: lagMs, maxLagMs: maxLagMs, awaiting: awaiting, customers: customers,
            doorQueue: doorQueue)
    }

    /// The loop cannot take orders: its thread is stuck in a blocking call or a long CPU brew.
    public var isBlocked: Bool { state == .blocked || lagMs >= ShowState.blockedLagMs }
}
