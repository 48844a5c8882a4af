/// What queueing theory says the cafés can do, to print beside what they actually do.
///
/// Capacity is cups per second at most: N people who each hold a cup S seconds make N ÷ S cups a second
/// (4 baristas × 100 ms → 40/s). Who counts as "people" is the lesson:
/// - sync café: its baristas (worker threads), blocked for the whole brew;
/// - async café, `block`: its loops, since a blocking call holds the loop for the whole brew;
/// - async café, `offload`: its back-room helpers (the thread pool);
/// - async café, `await` with an I/O brew: nobody waits at the machine, so waiting is effectively unbounded;
/// - any CPU brew: cores, not people. Both cafés run on the same machine, so their busy threads share its cores
///   (the OS gives each runnable thread about an equal slice): 4 sync baristas and 1 async loop on 2 cores get
///   about 1.6 and 0.4 cores, 16 and 4 cups/s of 100 ms, 20 cups/s for both together at most.
public struct Theory: Equatable, Sendable {
    /// Cups per second a café can make at most.
    public enum Capacity: Equatable, Sendable {
        case perSecond(Double)
        /// Waiting costs nobody: the limit is elsewhere (sockets, the machine), far above the show's loads.
        case unbounded

        /// The capacity as a number, infinity when unbounded.
        public var value: Double {
            switch self {
            case .perSecond(let rate): return rate
            case .unbounded: return .infinity
            }
        }
    }

    /// Where a café's customers wait when more come than it can serve.
    public enum Queue: String, Equatable, Sendable {
        /// The door: the kernel's accept queue (a sync café, or an async loop too busy to take orders).
        case door
        /// The back room: cups waiting for a free helper (offload mode).
        case backRoom = "back room"
    }

    public let sync: Capacity
    public private(set) var async: Capacity
    /// Customers per second offered to each café.
    public let offeredRate: Double
    /// How many people can make a cup at once in each café, the N of N ÷ S (nil: nobody waits, await with I/O).
    public let syncServers: Int
    public let asyncServers: Int?
    /// For CPU brews: the cores each café gets while both share the machine (nil for I/O brews).
    public let syncCores: Double?
    public let asyncCores: Double?
    public let cores: Int
    public let brewSeconds: Double
    /// How long a sync barista holds each customer on average, the S of its N ÷ S: the brew, plus, with slow
    /// customers, the share of them times the part of each order the barista stands reading (Slowloris). The
    /// kernel completes the handshake before any barista accepts, and a slow customer's bytes sent meanwhile wait
    /// in her socket's receive buffer: a customer who waited D seconds at the door holds a barista only for the
    /// rest of her talking. So the line settles where each slow customer costs just enough: see
    /// `slowDoorWaitSeconds`.
    public let syncHoldSeconds: Double
    /// With slow customers the sync café cannot serve while reading every order in full: the door wait at which
    /// its line settles, D = T − (N ÷ λ − S) ÷ share (T the talking, cut at the customers' patience). There the
    /// baristas hold each customer N ÷ λ seconds on average and serve all λ, everyone waiting about D at the door
    /// (L = λ·D). Nil when no line is needed (N ÷ (S + share·T) ≥ λ) or none can settle (N ÷ S ≤ λ).
    public let slowDoorWaitSeconds: Double?
    /// The scenario's slow customers: their share and how long each takes over its order, in seconds.
    public let slowShare: Double
    public let slowSeconds: Double
    /// The share of customers nginx answers with a static file in front of the sync café (0 without nginx).
    public let staticShare: Double
    public let kind: BrewKind
    public let handler: HandlerMode
    /// How many customers the door holds (the listen backlog); nil when unknown.
    public let backlog: Int?
    /// The async café's `--limit-concurrency`: beyond it customers are turned down (503) instead of queueing, and
    /// by Little's law it caps the café at limit ÷ S cups a second.
    public let asyncLimit: Int?

    public init(scenario: Scenario, offeredRate: Double, cores: Int, backlog: Int? = nil) {
        let brew = Double(scenario.brewMilliseconds) / 1000
        let cores = max(cores, 1)
        brewSeconds = brew
        slowShare = scenario.slowShare
        slowSeconds = scenario.slowFor.milliseconds / 1000
        staticShare = scenario.syncProxy == .nginx ? scenario.staticShare : 0
        let talk = min(slowSeconds, scenario.patience.milliseconds / 1000)  // she stops talking when she leaves
        let fullHold = brew + scenario.slowShare * talk
        let workers = Double(scenario.syncWorkers)
        if scenario.syncProxy == .nginx {
            // nginx in front reads the slow orders itself: a sync barista only ever holds a customer for the brew.
            slowDoorWaitSeconds = nil
            syncHoldSeconds = brew
        } else if scenario.kind == .io, scenario.slowShare > 0, talk > 0, offeredRate > workers / fullHold {
            if brew > 0, offeredRate < workers / brew {
                slowDoorWaitSeconds = talk - (workers / offeredRate - brew) / scenario.slowShare
                syncHoldSeconds = workers / offeredRate
            } else {
                // More than even brisk orders allow: the line outgrows any talking, read whole at the door.
                slowDoorWaitSeconds = nil
                syncHoldSeconds = brew
            }
        } else {
            slowDoorWaitSeconds = nil
            syncHoldSeconds = scenario.kind == .io ? fullHold : brew
        }
        kind = scenario.kind
        handler = scenario.asyncHandler
        self.cores = cores
        self.offeredRate = offeredRate
        self.backlog = backlog
        asyncLimit = scenario.asyncLimit
        syncServers = scenario.syncWorkers
        switch (scenario.asyncHandler, scenario.kind) {
        case (.await, .io): asyncServers = nil
        case (.offload, _): asyncServers = scenario.offloadThreads
        default: asyncServers = scenario.loops  // a blocking call or a CPU brew holds the loop itself
        }
        if scenario.kind == .cpu {
            let shares = Self.coreShares(
                threads: (scenario.syncWorkers, asyncServers ?? scenario.loops), demand: offeredRate * brew,
                cores: Double(cores))
            syncCores = shares.sync
            asyncCores = shares.async
            sync = brew > 0 ? .perSecond(shares.sync / brew) : .unbounded
            async = brew > 0 ? .perSecond(shares.async / brew) : .unbounded
        } else {
            syncCores = nil
            asyncCores = nil
            // A line settled by slow customers serves exactly what comes (kept exact: no "grows 0/s").
            sync =
                slowDoorWaitSeconds != nil
                ? .perSecond(offeredRate) : Self.capacity(servers: syncServers, brewSeconds: syncHoldSeconds)
            async = asyncServers.map { Self.capacity(servers: $0, brewSeconds: brew) } ?? .unbounded
        }
        if let limit = scenario.asyncLimit, brew > 0, Double(limit) / brew < async.value {
            async = .perSecond(Double(limit) / brew)
        }
    }

    /// The async café turns away what it cannot serve (503) instead of letting it queue.
    public func sheds(_ cafe: CafeKind) -> Bool { cafe == .async && asyncLimit != nil }

    /// The limit, not its people, is what caps the async café (await with a limit: limit ÷ S).
    public var asyncLimitIsTheCap: Bool {
        guard let asyncLimit, brewSeconds > 0 else { return false }
        return async == .perSecond(Double(asyncLimit) / brewSeconds)
    }

    /// The cores each café's busy threads get: each café wants `demand` cores (offered × brew) from at most
    /// `threads` threads; when both together want more than the machine has, runnable threads share it equally,
    /// and a café that wants less than its share leaves the rest to the other.
    static func coreShares(
        threads: (sync: Int, async: Int), demand: Double, cores: Double
    ) -> (sync: Double, async: Double) {
        let want = (sync: min(Double(threads.sync), demand), async: min(Double(threads.async), demand))
        if want.sync + want.async <= cores {
            return (min(Double(threads.sync), cores), min(Double(threads.async), cores))
        }
        let total = Double(threads.sync + threads.async)
        var share = (sync: cores * Double(threads.sync) / total, async: cores * Double(threads.async) / total)
        if want.async < share.async {
            share = (min(Double(threads.sync), cores - want.async), want.async)
        } else if want.sync < share.sync {
            share = (want.sync, min(Double(threads.async), cores - want.sync))
        }
        return share
    }

    /// N ÷ S cups per second; unbounded for a brew that takes no time.
    public static func capacity(servers: Int, brewSeconds: Double) -> Capacity {
        brewSeconds > 0 ? .perSecond(Double(servers) / brewSeconds) : .unbounded
    }

    /// How fast a café's line grows when more customers come than it can serve: offered − capacity customers each
    /// second, until patience or the backlog gives. Zero otherwise.
    public static func queueGrowth(offered: Double, capacity: Capacity) -> Double {
        max(offered - capacity.value, 0)
    }

    public func capacity(of cafe: CafeKind) -> Capacity { cafe == .sync ? sync : async }

    public func cores(of cafe: CafeKind) -> Double? { cafe == .sync ? syncCores : asyncCores }

    public func queueGrowth(of cafe: CafeKind) -> Double {
        Self.queueGrowth(offered: offeredRate(of: cafe), capacity: capacity(of: cafe))
    }

    /// Customers a second who order a cup from this café: all of them, but for the share nginx answers with a
    /// static file in front of the sync café (`--static`).
    public func offeredRate(of cafe: CafeKind) -> Double {
        cafe == .sync ? offeredRate * (1 - staticShare) : offeredRate
    }

    /// The queue that grows when this café is short of hands.
    public func growingQueue(of cafe: CafeKind) -> Queue {
        cafe == .async && handler == .offload ? .backRoom : .door
    }

    /// ρ = λ ÷ capacity: near 1 the wait grows like 1 ÷ (1 − ρ); at 1 or above the line never shrinks.
    public func utilisation(of cafe: CafeKind) -> Double {
        let capacity = capacity(of: cafe).value
        return capacity.isFinite && capacity > 0 ? offeredRate(of: cafe) / capacity : 0
    }

    /// Both cafés' CPU brews together can make at most cores ÷ S cups a second.
    public var machineCups: Double? {
        kind == .cpu && brewSeconds > 0 ? Double(cores) / brewSeconds : nil
    }

    /// The fewest sync baristas whose cups outpace the arrivals (N ÷ S > λ), and how long they take to empty a
    /// line of `queued`. Nil when no number of baristas can (CPU brews on a full machine, or no brew time).
    public func baristasToDrain(queued: Int) -> (baristas: Int, seconds: Double)? {
        guard kind == .io, syncHoldSeconds > 0 else { return nil }
        let needed = Int((offeredRate(of: .sync) * syncHoldSeconds).rounded(.down)) + 1
        let spare = Double(needed) / syncHoldSeconds - offeredRate(of: .sync)
        return (needed, spare > 0 ? Double(queued) / spare : .infinity)
    }
}
