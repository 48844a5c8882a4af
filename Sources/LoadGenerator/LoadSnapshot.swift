/// The customers' side of the show at one instant: for each café, how many came, waited, were served or
/// walked out, and how long they waited. A plain value, cheap to take 10-20 times a second.
///
/// On the load generator: client-side counters and latency percentiles, published in batches by the
/// generator's event loop (never one message per request). Latencies are in milliseconds.
public struct LoadSnapshot: Codable, Equatable, Sendable {
    /// Seconds since `start()`.
    public var elapsedSeconds: Double
    public var state: LoadRunState
    public var arrivals: String
    /// The offered rate the plan asks for (nil for a closed loop).
    public var plannedRatePerSecond: Double?
    /// Customers planned so far (each goes to every café).
    public var customersPlanned: Int
    /// How late the generator started customers compared with the timetable.
    public var scheduleLag: LatencySummary
    public var targets: [TargetSnapshot]
    /// The most recently finished customers, newest last, with what happened to each in every café.
    public var recentCustomers: [FinishedCustomer]

    public init(
        elapsedSeconds: Double = 0, state: LoadRunState = .ready, arrivals: String = "",
        plannedRatePerSecond: Double? = nil, customersPlanned: Int = 0, scheduleLag: LatencySummary = .init(),
        targets: [TargetSnapshot] = [], recentCustomers: [FinishedCustomer] = []
    ) {
        self.elapsedSeconds = elapsedSeconds
        self.state = state
        self.arrivals = arrivals
        self.plannedRatePerSecond = plannedRatePerSecond
        self.customersPlanned = customersPlanned
        self.scheduleLag = scheduleLag
        self.targets = targets
        self.recentCustomers = recentCustomers
    }
}

/// Where a load run is in its day.
public enum LoadRunState: String, Codable, Sendable {
    case ready, running, paused
    /// No more arrivals; waiting for the customers still inside to be served or walk out.
    case draining
    case finished
}

/// One café as its customers see it.
public struct TargetSnapshot: Codable, Equatable, Sendable {
    public var label: String
    public var url: String
    /// Customers planned for this café (the same for every café of a run, unless a closed loop).
    public var planned: Int
    /// Requests written to the café.
    public var sent: Int
    /// Customers who got a cup: a complete 2xx or 3xx response.
    public var served: Int
    /// Complete responses with status 400 or above (a refusal is an answer, not a cup).
    public var refused: Int
    public var walkedOut: Int
    /// Customers the generator could not start (its `maxInFlight` or its own descriptors or ports ran out).
    public var notSent: Int
    /// Customers still inside when the run was stopped.
    public var cutOff: Int
    public var errors: [VisitFailure: Int]
    public var inFlight: InFlight
    public var statusCounts: [Int: Int]
    /// Cups per second over the last completed seconds (at most 60), oldest first: the sparkline.
    public var servedPerSecond: [Int]
    /// Latency from the planned arrival over the last few seconds.
    public var recent: LatencySummary
    /// Latency from the planned arrival since the start (or the last reset): queue included.
    public var corrected: LatencySummary
    /// Latency from the moment the request was sent: what a closed-loop tool would report.
    public var uncorrected: LatencySummary
    /// A coarse histogram of recent latencies (from the planned arrival), for drawing.
    public var latencyBars: [LatencyBar]
    /// The last completed seconds (at most 120), oldest first.
    public var rows: [SecondRow]

    public var errorCount: Int { errors.values.reduce(0, +) }

    public init(label: String, url: String) {
        self.label = label
        self.url = url
        planned = 0
        sent = 0
        served = 0
        refused = 0
        walkedOut = 0
        notSent = 0
        cutOff = 0
        errors = [:]
        inFlight = InFlight()
        statusCounts = [:]
        servedPerSecond = []
        recent = LatencySummary()
        corrected = LatencySummary()
        uncorrected = LatencySummary()
        latencyBars = []
        rows = []
    }
}

/// Customers inside a café right now, by what they are doing.
public struct InFlight: Codable, Equatable, Sendable {
    /// Waiting inside the generator for a free connection (only with a connection limit).
    public var waiting = 0
    public var connecting = 0
    /// Order sent, no byte of the answer yet.
    public var sent = 0
    /// Reading the answer.
    public var receiving = 0

    public init() {}

    public var total: Int { waiting + connecting + sent + receiving }
}

/// Percentiles of a latency distribution, in milliseconds.
public struct LatencySummary: Codable, Equatable, Sendable {
    public var count = 0
    public var meanMs = 0.0
    public var p50Ms = 0.0
    public var p90Ms = 0.0
    public var p99Ms = 0.0
    public var p999Ms = 0.0
    public var maxMs = 0.0

    public init() {}
}

/// One bar of the latency histogram: customers whose wait was at most `upToMs` (and above the previous bar).
public struct LatencyBar: Codable, Equatable, Sendable {
    public var upToMs: Double
    public var count: Int
}

/// One second of one café, for the CSV file and the sparklines.
public struct SecondRow: Codable, Equatable, Sendable {
    /// Seconds since the start: this row covers [second, second + 1).
    public var second: Int
    public var planned = 0
    public var sent = 0
    public var served = 0
    public var refused = 0
    public var walkedOut = 0
    public var errors = 0
    public var notSent = 0
    public var p50Ms = 0.0
    public var p99Ms = 0.0

    public init(second: Int) { self.second = second }
}

/// What happened to one visit.
public enum VisitOutcome: String, Codable, Sendable {
    case served, refused, walkedOut = "walked_out", failed, notSent = "not_sent", cutOff = "cut_off"
}

/// One customer who has finished in every café it went to: "customer #1207: sync 1.42 s, async 0.10 s".
public struct FinishedCustomer: Codable, Equatable, Sendable {
    public var id: Int
    /// Per café, in the order of the run's targets; nil where this customer did not go (closed loop).
    public var outcomes: [VisitOutcome?]
    /// Per café: from the planned arrival to the answer, when there was an answer.
    public var latencyMs: [Double?]
}
