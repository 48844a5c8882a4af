import CafeModel

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
    /// How far behind its timetable the generator is now, in milliseconds: the latest customers' lateness since
    /// the previous snapshot, or how overdue the next customer already is, whichever is more. Nil when no
    /// customer is due (a paused door, a closed loop).
    public var scheduleLagNowMs: Double?
    public var targets: [TargetSnapshot]
    /// The most recently finished customers, newest last, with what happened to each in every café.
    public var recentCustomers: [FinishedCustomer]
    /// When the door closed (no more arrivals: the duration or count was reached, or the run was stopped), in
    /// seconds since `start()`; nil while customers still come. What is served after it is the tail.
    public var arrivalsEndedSeconds: Double?
    /// Which plan the customers are coming under: 0 for the first, one more for each `LoadRun.update(plan:)`
    /// that changed the plan. `InFlight.fromEarlierPlans` counts the customers inside from older ones.
    public var planGeneration: Int
    /// Customers in flight the generator allows itself to each café (`LoadPlan.maxInFlight`): beyond it they are
    /// not sent.
    public var maxInFlight: Int

    public init(
        elapsedSeconds: Double = 0, state: LoadRunState = .ready, arrivals: String = "",
        plannedRatePerSecond: Double? = nil, customersPlanned: Int = 0, scheduleLag: LatencySummary = .init(),
        targets: [TargetSnapshot] = [], recentCustomers: [FinishedCustomer] = [], arrivalsEndedSeconds: Double? = nil,
        planGeneration: Int = 0, maxInFlight: Int = 10_000
    ) {
        self.elapsedSeconds = elapsedSeconds
        self.state = state
        self.arrivals = arrivals
        self.plannedRatePerSecond = plannedRatePerSecond
        self.customersPlanned = customersPlanned
        self.scheduleLag = scheduleLag
        self.targets = targets
        self.recentCustomers = recentCustomers
        self.arrivalsEndedSeconds = arrivalsEndedSeconds
        self.planGeneration = planGeneration
        self.maxInFlight = maxInFlight
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
    /// Of `sent`, slow customers: they wrote their request a few bytes at a time over the plan's `slowFor`.
    /// One the café gave up on answered 408 (`statusCounts`) and is counted in `refused`.
    public var slow: Int
    /// Customers who got a cup: a complete 2xx or 3xx response.
    public var served: Int
    /// Customers turned down with a status of 400 or above (a 503 is an answer, not a cup). Not to be confused
    /// with `errors[.refused]`: a connection nobody accepted. `barista load` calls these "turned down".
    public var refused: Int
    /// Cups handed over while customers were still arriving (before `LoadSnapshot.arrivalsEndedSeconds`);
    /// `served - servedWhileArriving` is the tail, brewed after the door closed.
    public var servedWhileArriving: Int
    /// Customers inside this café when the door closed: the tail it still had to serve.
    public var insideWhenArrivalsEnded: Int?
    /// When this café's last visit ended (answered, walked out, failed or cut off), in seconds since `start()`:
    /// with `LoadSnapshot.arrivalsEndedSeconds`, how long the tail lasted.
    public var lastVisitEndedSeconds: Double?
    public var walkedOut: Int
    /// Of `walkedOut`, those who left while still outside: waiting for a connection or connecting (a full
    /// backlog drops their SYN and the kernel retries after 1 s, 3 s, ...). Their order never got in.
    public var walkedOutOutside: Int
    /// Customers the generator could not start (its `maxInFlight` or its own descriptors or ports ran out).
    public var notSent: Int
    /// `notSent` by why: the generator's own shortage, named so a screen can say what to do about it.
    public var notSentReasons: [NotSentReason: Int]
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

    /// The most frequent reason customers were not sent (ties go to the first in `NotSentReason.allCases`).
    public var mainNotSentReason: NotSentReason? {
        NotSentReason.allCases.filter { (notSentReasons[$0] ?? 0) > 0 }
            .max { (notSentReasons[$0] ?? 0) < (notSentReasons[$1] ?? 0) }
    }

    public init(label: String, url: String) {
        self.label = label
        self.url = url
        planned = 0
        sent = 0
        slow = 0
        served = 0
        refused = 0
        servedWhileArriving = 0
        insideWhenArrivalsEnded = nil
        lastVisitEndedSeconds = nil
        walkedOut = 0
        walkedOutOutside = 0
        notSent = 0
        notSentReasons = [:]
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
    /// Slow customers still writing their order, a few bytes at a time.
    public var sending = 0
    /// Order sent, no byte of the answer yet.
    public var sent = 0
    /// Reading the answer.
    public var receiving = 0
    /// Of `total`, customers who ordered a cpu brew (spinning) and an io brew (waiting). A café whose URL
    /// has a path of its own gets no `/brew` order, and its customers are in neither.
    public var cpu = 0
    public var io = 0
    /// Of `total`, customers planned under an earlier plan than the current one: after a switch from cpu to
    /// io brews, the cpu orders from before still inside.
    public var fromEarlierPlans = 0

    public init() {}

    public var total: Int { waiting + connecting + sending + sent + receiving }

    /// Customers inside who ordered this kind of brew.
    public func count(of kind: BrewKind) -> Int {
        switch kind {
        case .cpu: cpu
        case .io: io
        }
    }
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
    /// Got a cup (2xx, 3xx).
    case served
    /// Turned down with a status of 400 or above (`FinishedCustomer.status` says which).
    case refused
    /// Lost patience and left (`FinishedCustomer.waitedMs` says after how long).
    case walkedOut = "walked_out"
    /// The connection failed (`FinishedCustomer.failures` says how).
    case failed
    case notSent = "not_sent"
    case cutOff = "cut_off"
}

/// One customer who has finished in every café it went to: "customer #1207: sync 1.42 s, async 0.10 s".
public struct FinishedCustomer: Codable, Equatable, Sendable {
    public var id: Int
    /// Per café, in the order of the run's targets; nil where this customer did not go (closed loop).
    public var outcomes: [VisitOutcome?]
    /// Per café: from the planned arrival to the answer, when there was an answer.
    public var latencyMs: [Double?]
    /// Per café: from the planned arrival to the end of the visit, whatever the end (an answer, walking out,
    /// a failure, being cut off); nil where the customer was never sent. "walked out after 2.0 s".
    public var waitedMs: [Double?]
    /// Per café: the HTTP status of the answer, when there was one (a 503 for a customer turned down).
    public var status: [Int?]
    /// Per café: how the connection failed, for a `failed` visit.
    public var failures: [VisitFailure?]

    public init(
        id: Int, outcomes: [VisitOutcome?], latencyMs: [Double?], waitedMs: [Double?] = [],
        status: [Int?] = [], failures: [VisitFailure?] = []
    ) {
        self.id = id
        self.outcomes = outcomes
        self.latencyMs = latencyMs
        self.waitedMs = waitedMs.isEmpty ? outcomes.map { _ in nil } : waitedMs
        self.status = status.isEmpty ? outcomes.map { _ in nil } : status
        self.failures = failures.isEmpty ? outcomes.map { _ in nil } : failures
    }
}
