/// What queueing theory says the cafés can do, to print beside what they actually do.
///
/// Capacity is cups per second at most: N people who each hold a cup S seconds make N ÷ S cups a second
/// (4 baristas × 100 ms → 40/s). Who counts as "people" is the lesson:
/// - sync café: its baristas (worker threads), blocked for the whole brew;
/// - async café, `block`: its loops, since a blocking call holds the loop for the whole brew;
/// - async café, `offload`: its back-room helpers (the thread pool);
/// - async café, `await` with an I/O brew: nobody waits at the machine, so waiting is effectively unbounded;
/// - any CPU brew: at most as many cups at once as there are cores (and a loop runs its CPU brews itself).
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

    public let sync: Capacity
    public let async: Capacity
    /// Customers per second offered to each café.
    public let offeredRate: Double
    /// How many people can make a cup at once in each café, the N of N ÷ S (after the cores limit for CPU).
    public let syncServers: Int
    public let asyncServers: Int?
    public let brewSeconds: Double

    public init(scenario: Scenario, offeredRate: Double, cores: Int) {
        let brew = Double(scenario.brewMilliseconds) / 1000
        let cpu = scenario.kind == .cpu
        let cores = max(cores, 1)
        brewSeconds = brew
        self.offeredRate = offeredRate
        syncServers = cpu ? min(scenario.syncWorkers, cores) : scenario.syncWorkers
        switch (scenario.asyncHandler, scenario.kind) {
        case (.await, .io): asyncServers = nil
        case (.offload, .io): asyncServers = scenario.offloadThreads
        case (.offload, .cpu): asyncServers = min(scenario.offloadThreads, cores)
        case (.block, .io): asyncServers = scenario.loops
        case (_, .cpu): asyncServers = min(scenario.loops, cores)
        }
        sync = Self.capacity(servers: syncServers, brewSeconds: brew)
        async = asyncServers.map { Self.capacity(servers: $0, brewSeconds: brew) } ?? .unbounded
    }

    /// N ÷ S cups per second; unbounded for a brew that takes no time.
    public static func capacity(servers: Int, brewSeconds: Double) -> Capacity {
        brewSeconds > 0 ? .perSecond(Double(servers) / brewSeconds) : .unbounded
    }

    /// How fast the line at the door grows when more customers come than the café can serve: offered −
    /// capacity customers each second, without bound, until patience or the backlog gives. Zero otherwise.
    public static func queueGrowth(offered: Double, capacity: Capacity) -> Double {
        max(offered - capacity.value, 0)
    }

    public func capacity(of cafe: CafeKind) -> Capacity { cafe == .sync ? sync : async }

    public func queueGrowth(of cafe: CafeKind) -> Double {
        Self.queueGrowth(offered: offeredRate, capacity: capacity(of: cafe))
    }

    /// ρ = λ ÷ capacity: near 1 the wait grows like 1 ÷ (1 − ρ); above 1 the line grows for ever.
    public func utilisation(of cafe: CafeKind) -> Double {
        let capacity = capacity(of: cafe).value
        return capacity.isFinite && capacity > 0 ? offeredRate / capacity : 0
    }
}

/// Little's law checked live: customers in the shop (L) against arrival rate × time in the shop (λ·W).
/// It holds for long-run averages of a stable café; a café whose line keeps growing is not stable, and the two
/// sides part — which is itself the lesson.
public struct LittlesLaw: Equatable, Sendable {
    /// Customers in the shop now.
    public let inShop: Double
    /// ArrivalKind per second (λ).
    public let arrivalRate: Double
    /// Mean time in the shop in seconds (W).
    public let timeInShop: Double

    public init(inShop: Double, arrivalRate: Double, timeInShop: Double) {
        self.inShop = inShop
        self.arrivalRate = arrivalRate
        self.timeInShop = timeInShop
    }

    /// λ·W: how many customers the law says are inside.
    public var predicted: Double { arrivalRate * timeInShop }

    /// True when L and λ·W agree within 25 % (or one customer, for small shops): sampling noise, not a broken law.
    public var agrees: Bool { abs(inShop - predicted) <= max(1, 0.25 * max(inShop, predicted)) }
}
