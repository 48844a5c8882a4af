/// What the show is doing right now, in café words: how many customers a second walk in, how, what they
/// order, how each café is staffed and how long a customer waits before walking out.
///
/// A plain value: the keys, a lesson step and the command-line flags all produce one, and the Runner turns it
/// into load-generator settings and `/control` requests for the two servers.
public struct Scenario: Equatable, Hashable, Codable, Sendable {
    /// Customers per second sent to *each* café (the same customers, at the same instants).
    public var ratePerSecond: Double
    public var arrivals: ArrivalKind
    /// Brew time in milliseconds: the service time S.
    public var brewMilliseconds: Int
    public var kind: BrewKind
    /// Sync café: baristas (worker threads).
    public var syncWorkers: Int
    /// Async café: what its barista does with an I/O brew.
    public var asyncHandler: HandlerMode
    /// Async café: baristas (event loops).
    public var loops: Int
    /// Async café: back-room helpers (offload thread pool size).
    public var offloadThreads: Int
    /// How long a customer waits for a cup before walking out (the client timeout).
    public var patience: Duration
    /// The door is closed: no new customers (the ones inside are still served).
    public var paused: Bool

    public init(
        ratePerSecond: Double = 30, arrivals: ArrivalKind = .poisson, brewMilliseconds: Int = 100, kind: BrewKind = .io,
        syncWorkers: Int = 4, asyncHandler: HandlerMode = .await, loops: Int = 1, offloadThreads: Int = 4,
        patience: Duration = .seconds(10), paused: Bool = false
    ) {
        self.ratePerSecond = ratePerSecond
        self.arrivals = arrivals
        self.brewMilliseconds = brewMilliseconds
        self.kind = kind
        self.syncWorkers = syncWorkers
        self.asyncHandler = asyncHandler
        self.loops = loops
        self.offloadThreads = offloadThreads
        self.patience = patience
        self.paused = paused
    }

    /// What every customer orders.
    public var order: Order { Order(milliseconds: brewMilliseconds, kind: kind) }

    /// The customer rates `+` and `-` step through: round numbers, dense where lessons happen (around 40/s,
    /// the capacity of 4 baristas at 100 ms).
    public static let rateSteps: [Double] = [
        1, 2, 5, 10, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500, 1000, 2000, 5000,
    ]
    /// The brew times `[` and `]` step through, in milliseconds.
    public static let brewSteps: [Int] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    /// The most customers per second a scenario asks for (the load generator's budget on this machine).
    public static let maximumRate: Double = 5000
    /// The most sync baristas (worker threads) a key or lesson can ask for.
    public static let maximumWorkers = 64
    /// The most event loops and back-room helpers a lesson can ask for.
    public static let maximumLoops = 64
    public static let maximumOffloadThreads = 512

    /// This scenario after one change; actions that change no setting (reset, clear, help, quit) return it unchanged.
    public func applying(_ action: ShowAction) -> Scenario {
        var next = self
        switch action {
        case .rateUp:
            next.ratePerSecond = Self.rateSteps.first { $0 > ratePerSecond } ?? Self.maximumRate
        case .rateDown:
            next.ratePerSecond = Self.rateSteps.last { $0 < ratePerSecond } ?? 0
        case .setRate(let rate):
            next.ratePerSecond = min(max(rate.isFinite ? rate : 0, 0), Self.maximumRate)
        case .workersUp:
            next.syncWorkers = min(syncWorkers + 1, Self.maximumWorkers)
        case .workersDown:
            next.syncWorkers = max(syncWorkers - 1, 1)
        case .setWorkers(let workers):
            next.syncWorkers = min(max(workers, 1), Self.maximumWorkers)
        case .cycleHandler:
            next.asyncHandler = asyncHandler.next
        case .setHandler(let handler):
            next.asyncHandler = handler
        case .toggleKind:
            next.kind = kind == .io ? .cpu : .io
        case .setKind(let kind):
            next.kind = kind
        case .brewLonger:
            next.brewMilliseconds = Self.brewSteps.first { $0 > brewMilliseconds } ?? brewMilliseconds
        case .brewShorter:
            next.brewMilliseconds = Self.brewSteps.last { $0 < brewMilliseconds } ?? brewMilliseconds
        case .setBrew(let milliseconds):
            next.brewMilliseconds = min(max(milliseconds, 0), Order.maximumMilliseconds)
        case .toggleArrivals:
            next.arrivals = arrivals.toggled
        case .setArrivals(let arrivals):
            next.arrivals = arrivals
        case .togglePause:
            next.paused.toggle()
        case .setPaused(let paused):
            next.paused = paused
        case .setLoops(let loops):
            next.loops = min(max(loops, 1), Self.maximumLoops)
        case .setOffloadThreads(let threads):
            next.offloadThreads = min(max(threads, 1), Self.maximumOffloadThreads)
        case .setPatience(let patience):
            next.patience = max(patience, .milliseconds(1))
        case .setScenario(let scenario):
            next = scenario
        case .resetCounters, .clearShop, .help, .quit, .lesson:
            break
        }
        return next
    }
}
