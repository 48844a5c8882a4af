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
    /// Async café: how its loops share the door (fixed when it starts: a change restarts it, as `loops` does).
    public var asyncDoor: DoorSharing
    /// How long a customer waits for a cup before walking out (the client timeout).
    public var patience: Duration
    /// The door is closed: no new customers (the ones inside are still served).
    public var paused: Bool
    /// The share of customers (0…1) who are slow: they send their order a few bytes at a time over `slowFor`
    /// (a slow client, Slowloris). A sync barista is tied up reading it; the async café reads it on the loop.
    public var slowShare: Double
    /// How long a slow customer takes to send the whole order (the request head).
    public var slowFor: Duration
    /// Async café: requests in progress beyond which it answers 503 at once, shedding load (uvicorn
    /// `--limit-concurrency`); nil lets everyone queue.
    public var asyncLimit: Int?
    /// The Django project's switches (`--peers django` only).
    public var django: DjangoSettings
    /// What stands in front of the sync side: nothing, or the real nginx reading every order first.
    public var syncProxy: SyncProxy
    /// With nginx in front, the share of customers (0…1) who ask for a static file (`/static/menu.css`) that nginx
    /// answers from disk; the rest order a cup from the café.
    public var staticShare: Double
    /// The code panel is shown: beside each café, the lines of the Python view it stands for, with the customers
    /// at each line now (key `c`, a lesson's `code: show`). A setting of the screen only: no café changes.
    public var showCode: Bool

    public init(
        ratePerSecond: Double = 30, arrivals: ArrivalKind = .poisson, brewMilliseconds: Int = 100, kind: BrewKind = .io,
        syncWorkers: Int = 4, asyncHandler: HandlerMode = .await, loops: Int = 1, offloadThreads: Int = 4,
        patience: Duration = .seconds(10), paused: Bool = false, slowShare: Double = 0, slowFor: Duration = .seconds(5),
        asyncLimit: Int? = nil, asyncDoor: DoorSharing = .shared, django: DjangoSettings = DjangoSettings(),
        syncProxy: SyncProxy = .none, staticShare: Double = 0, showCode: Bool = false
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
        self.slowShare = slowShare
        self.slowFor = slowFor
        self.asyncLimit = asyncLimit
        self.asyncDoor = asyncDoor
        self.django = django
        self.syncProxy = syncProxy
        self.staticShare = staticShare
        self.showCode = showCode
    }

    private enum CodingKeys: String, CodingKey {
        case ratePerSecond, arrivals, brewMilliseconds, kind, syncWorkers, asyncHandler, loops, offloadThreads,
            patience, paused, slowShare, slowFor, asyncLimit, asyncDoor, django, syncProxy, staticShare, showCode
    }

    // Written by hand so that a scenario saved before slow customers existed still decodes (with none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ratePerSecond = try container.decode(Double.self, forKey: .ratePerSecond)
        arrivals = try container.decode(ArrivalKind.self, forKey: .arrivals)
        brewMilliseconds = try container.decode(Int.self, forKey: .brewMilliseconds)
        kind = try container.decode(BrewKind.self, forKey: .kind)
        syncWorkers = try container.decode(Int.self, forKey: .syncWorkers)
        asyncHandler = try container.decode(HandlerMode.self, forKey: .asyncHandler)
        loops = try container.decode(Int.self, forKey: .loops)
        offloadThreads = try container.decode(Int.self, forKey: .offloadThreads)
        patience = try container.decode(Duration.self, forKey: .patience)
        paused = try container.decode(Bool.self, forKey: .paused)
        slowShare = try container.decodeIfPresent(Double.self, forKey: .slowShare) ?? 0
        slowFor = try container.decodeIfPresent(Duration.self, forKey: .slowFor) ?? .seconds(5)
        asyncLimit = try container.decodeIfPresent(Int.self, forKey: .asyncLimit)
        asyncDoor = try container.decodeIfPresent(DoorSharing.self, forKey: .asyncDoor) ?? .shared
        django = try container.decodeIfPresent(DjangoSettings.self, forKey: .django) ?? DjangoSettings()
        syncProxy = try container.decodeIfPresent(SyncProxy.self, forKey: .syncProxy) ?? .none
        staticShare = try container.decodeIfPresent(Double.self, forKey: .staticShare) ?? 0
        showCode = try container.decodeIfPresent(Bool.self, forKey: .showCode) ?? false
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
    /// The longest a slow customer may take to send its order.
    public static let maximumSlowFor: Duration = .seconds(600)
    /// The most event loops and back-room helpers a lesson can ask for.
    public static let maximumLoops = 64
    public static let maximumOffloadThreads = 512
    /// The highest `--limit-concurrency` a lesson can set.
    public static let maximumAsyncLimit = 100_000

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
        case .setSlow(let share, let duration):
            next.slowShare = min(max(share.isFinite ? share : 0, 0), 1)
            if duration > .zero { next.slowFor = min(duration, Self.maximumSlowFor) }
        case .setLoops(let loops):
            next.loops = min(max(loops, 1), Self.maximumLoops)
        case .setDoor(let door):
            next.asyncDoor = door
        case .setOffloadThreads(let threads):
            next.offloadThreads = min(max(threads, 1), Self.maximumOffloadThreads)
        case .setAsyncLimit(let limit):
            next.asyncLimit = limit.map { min(max($0, 1), Self.maximumAsyncLimit) }
        case .setDjangoMiddleware(let sync):
            next.django.syncMiddleware = sync
        case .setDjangoORM(let sync):
            next.django.syncORM = sync
        case .setPatience(let patience):
            next.patience = max(patience, .milliseconds(1))
        case .setProxy(let proxy):
            next.syncProxy = proxy
        case .setStaticShare(let share):
            next.staticShare = min(max(share.isFinite ? share : 0, 0), 1)
        case .toggleCode:
            next.showCode.toggle()
        case .setCode(let shown):
            next.showCode = shown
        case .setScenario(let scenario):
            next = scenario
        case .resetCounters, .clearShop, .help, .quit, .lesson:
            break
        }
        return next
    }
}
