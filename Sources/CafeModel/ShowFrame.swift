/// One picture of the whole show: both cafés, the scenario they run, the offered load, the customer the ticker
/// follows, where to reach each café and what the lesson says. The Runner builds one per tick; the Dashboard
/// draws it.
public struct ShowFrame: Equatable, Sendable {
    public var sync: ShowState
    public var async: ShowState
    public var scenario: Scenario
    /// Customers per second the load generator actually sends to each café (0 while the door is closed).
    public var offeredRate: Double
    /// The latest customer seen through both cafés.
    public var ticker: CustomerTrace?
    /// Where a student can `curl` each café while the show runs.
    public var syncURL: String
    public var asyncURL: String
    /// The lesson panel's text, when a lesson or demo runs.
    public var narration: Narration?
    /// The lesson panel, while a lesson plays (it takes the place of the narration).
    public var lesson: LessonPanel?
    /// Who keeps this machine's cores busy; nil until measured.
    public var machine: MachineLoad?
    /// The customers' own clock: how late the load generator is and how old its figures are.
    public var customers = CustomersClock()
    /// A short sentence about something the show just did that the numbers alone would not explain (e.g.
    /// "shop cleared: 312 customers sent home, counters zeroed (0.4 s)"); set for a few seconds, then nil.
    public var notice: String?

    public init(
        sync: ShowState = ShowState(cafe: .sync), async: ShowState = ShowState(cafe: .async),
        scenario: Scenario = Scenario(), offeredRate: Double? = nil, ticker: CustomerTrace? = nil,
        syncURL: String = "http://127.0.0.1:8001", asyncURL: String = "http://127.0.0.1:8002",
        narration: Narration? = nil, notice: String? = nil
    ) {
        self.sync = sync
        self.async = async
        self.scenario = scenario
        self.offeredRate = offeredRate ?? (scenario.paused ? 0 : scenario.ratePerSecond)
        self.ticker = ticker
        self.syncURL = syncURL
        self.asyncURL = asyncURL
        self.narration = narration
        self.notice = notice
    }

    public func state(of cafe: CafeKind) -> ShowState { cafe == .sync ? sync : async }

    /// The theory of both cafés for this frame's scenario.
    public func theory(cores: Int) -> Theory {
        Theory(
            scenario: scenario, offeredRate: offeredRate, cores: cores, backlog: sync.doorCapacity ?? async.doorCapacity
        )
    }
}

/// What the lesson panel says: a step's heading and its narration.
public struct Narration: Equatable, Sendable {
    public var title: String
    public var text: String

    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}

/// How far the customers (the load generator) are behind: a generator short of CPU starts customers late, writes
/// their orders late (a sync barista stands "reading" an order that is still on its way) and publishes its figures
/// late (cups, waits and walk-outs are then older than the frame).
public struct CustomersClock: Equatable, Sendable {
    /// Milliseconds behind its timetable now (nil: nobody is due, the door is closed).
    public var lagMs: Double?
    /// Seconds since the generator last published its figures (every 50 ms when it keeps up).
    public var figuresAgeSeconds: Double

    public init(lagMs: Double? = nil, figuresAgeSeconds: Double = 0) {
        self.lagMs = lagMs
        self.figuresAgeSeconds = figuresAgeSeconds
    }

    /// How late the customers are, all told: a generator that has not published for seconds is at least that late.
    public var behindMs: Double { max(lagMs ?? 0, figuresAgeSeconds * 1000) }

    /// Behind enough to show: customers a tenth of a second late change what a café sees.
    public var isBehind: Bool { behindMs >= Self.behindMs }

    /// The customers' figures are older than the frame, enough to be drawn as such.
    public var figuresAreLate: Bool { figuresAgeSeconds >= ShowState.lateStatsSeconds }

    public static let behindMs = 100.0
}
