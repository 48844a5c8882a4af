/// The `/stats` wire format: a JSON snapshot of one café, served on its admin port.
///
/// Both cafés fill the common parts (configuration, door, requests in progress, counters); the sync café
/// adds `workers` (one per barista thread), the async café adds `loops` and `offload`.
/// Durations are in milliseconds; keys are snake_case on the wire.
public struct ServerStats: Codable, Equatable, Sendable {
    public var cafe: CafeKind
    public var pid: Int32
    public var uptimeMs: Double
    /// The process's CPU time (user + system) so far, in seconds.
    public var cpuSeconds: Double
    public var config: Configuration
    /// The kernel's accept queue of the listening socket: customers at the door not yet taken in.
    public var acceptQueue: AcceptQueue?
    /// Why the café has stopped accepting for a moment ("out of file descriptors (EMFILE)"): the door is
    /// jammed, customers wait outside while the ones inside are served. Nil while it accepts (and in old JSON).
    public var acceptPausedReason: String?
    /// Accepts that failed for want of descriptors or memory since the café opened (nil in old JSON).
    public var acceptErrors: Int?
    /// Sync café: one entry per worker thread (barista).
    public var workers: [WorkerStats]
    /// Async café: one entry per event loop.
    public var loops: [LoopStats]
    /// Async café in offload mode: the back room.
    public var offload: OffloadStats?
    /// Requests in progress, oldest first, at most `inProgressLimit` of them.
    public var inProgress: [RequestInProgress]
    /// How many requests are in progress in all (may exceed `inProgress.count`).
    public var inProgressCount: Int
    /// How many requests in progress are in each phase, counted in full (never capped like `inProgress`).
    /// Nil in JSON from cafés older than this field.
    public var phaseCounts: PhaseCounts?
    public var counters: Counters
    /// Set once the café is closing (SIGTERM): it takes no new orders and finishes the cups in progress within
    /// its grace (`--graceful-timeout`). Nil while it is open (and in old JSON).
    public var closing: Closing?

    /// A café closing down, as gunicorn and uvicorn do on SIGTERM.
    public struct Closing: Codable, Equatable, Sendable {
        /// The grace the cups in progress have (`--graceful-timeout`).
        public var graceMs: Double
        /// What is left of it.
        public var leftMs: Double

        public init(graceMs: Double, leftMs: Double) {
            self.graceMs = graceMs
            self.leftMs = leftMs
        }
    }

    /// The most requests in progress listed one by one in a snapshot.
    public static let inProgressLimit = 256

    public init(
        cafe: CafeKind, pid: Int32, uptimeMs: Double, cpuSeconds: Double, config: Configuration,
        acceptQueue: AcceptQueue?, workers: [WorkerStats] = [], loops: [LoopStats] = [],
        offload: OffloadStats? = nil, inProgress: [RequestInProgress], inProgressCount: Int,
        phaseCounts: PhaseCounts? = nil, acceptPausedReason: String? = nil, acceptErrors: Int? = nil,
        counters: Counters
    ) {
        self.cafe = cafe
        self.pid = pid
        self.uptimeMs = uptimeMs
        self.cpuSeconds = cpuSeconds
        self.config = config
        self.acceptQueue = acceptQueue
        self.workers = workers
        self.loops = loops
        self.offload = offload
        self.inProgress = inProgress
        self.inProgressCount = inProgressCount
        self.phaseCounts = phaseCounts
        self.acceptPausedReason = acceptPausedReason
        self.acceptErrors = acceptErrors
        self.counters = counters
    }

    /// How the café is set up right now (live changes through `/control` show here).
    public struct Configuration: Codable, Equatable, Sendable {
        public var host: String
        public var port: Int
        public var backlog: Int
        public var headerTimeoutMs: Double
        /// Sync café: the target number of workers.
        public var workers: Int?
        /// Sync café: a worker busy longer than this is killed and replaced.
        public var timeoutMs: Double?
        /// Async café: event loops, handler mode, helper threads, the concurrency limit (nil = none).
        public var loops: Int?
        public var handler: HandlerMode?
        public var offloadThreads: Int?
        public var limitConcurrency: Int?
        /// Async café: how its loops share the door (nil in old JSON: one door, shared).
        public var door: DoorSharing?

        public init(
            host: String, port: Int, backlog: Int, headerTimeoutMs: Double, workers: Int? = nil,
            timeoutMs: Double? = nil, loops: Int? = nil, handler: HandlerMode? = nil, offloadThreads: Int? = nil,
            limitConcurrency: Int? = nil, door: DoorSharing? = nil
        ) {
            self.host = host
            self.port = port
            self.backlog = backlog
            self.headerTimeoutMs = headerTimeoutMs
            self.workers = workers
            self.timeoutMs = timeoutMs
            self.loops = loops
            self.handler = handler
            self.offloadThreads = offloadThreads
            self.limitConcurrency = limitConcurrency
            self.door = door
        }
    }

    /// The queue at the door, as the kernel counts it (Linux `TCP_INFO` on the listening socket).
    public struct AcceptQueue: Codable, Equatable, Sendable {
        /// Connections completed by the kernel and waiting for `accept()` (`tcpi_unacked`).
        public var length: Int
        /// The queue's capacity (`tcpi_sacked`: the effective listen backlog).
        public var maximum: Int
        /// Customers in the queue whose customer already left: the client closed before the café accepted
        /// (the kernel's socket table lists them in CLOSE_WAIT, not yet owned by the café). The café will
        /// still accept each one and brew for nobody. Nil where the table cannot be read (or old JSON).
        public var gone: Int?

        public init(length: Int, maximum: Int, gone: Int? = nil) {
            self.length = length
            self.maximum = maximum
            self.gone = gone
        }
    }

    /// One sync barista: a worker thread.
    public struct WorkerStats: Codable, Equatable, Sendable {
        public var id: Int
        public var state: ThreadState
        public var customerId: String?
        /// How long it has been in this state.
        public var forMs: Double
        /// The current brew's length, when brewing, so a screen can draw its progress.
        public var brewMs: Double?

        public init(id: Int, state: ThreadState, customerId: String? = nil, forMs: Double, brewMs: Double? = nil) {
            self.id = id
            self.state = state
            self.customerId = customerId
            self.forMs = forMs
            self.brewMs = brewMs
        }
    }

    /// One async barista: an event loop and how late its 10 ms probe timer fires.
    public struct LoopStats: Codable, Equatable, Sendable {
        public var id: Int
        public var state: ThreadState
        /// The latest probe's lateness: how long the loop could not run timers.
        public var lagMs: Double
        /// The worst lateness seen in the last second.
        public var maxLagMs: Double
        /// Customers holding a buzzer on this loop.
        public var awaiting: Int
        /// Customers this loop took in and has not finished with (ordering, brewing, holding a buzzer): while the
        /// loop is blocked they wait with it, whatever the other loops are free to do. Nil in old JSON.
        public var customers: Int?
        /// Customers this loop took in from the door since the counters were reset: the spread over the loops.
        public var accepted: Int?
        /// With one door per loop (`reuseport`): the kernel's queue at this loop's own door. Nil with a shared door.
        public var doorQueue: Int?

        public init(
            id: Int, state: ThreadState, lagMs: Double, maxLagMs: Double, awaiting: Int, customers: Int? = nil,
            accepted: Int? = nil, doorQueue: Int? = nil
        ) {
            self.id = id
            self.state = state
            self.lagMs = lagMs
            self.maxLagMs = maxLagMs
            self.awaiting = awaiting
            self.customers = customers
            self.accepted = accepted
            self.doorQueue = doorQueue
        }
    }

    /// The back room of the async café: helper threads for blocking work.
    public struct OffloadStats: Codable, Equatable, Sendable {
        public var threads: Int
        public var busy: Int
        /// Customers whose cup waits for a free helper.
        public var waiting: Int

        public init(threads: Int, busy: Int, waiting: Int) {
            self.threads = threads
            self.busy = busy
            self.waiting = waiting
        }
    }

    /// One request in progress.
    public struct RequestInProgress: Codable, Equatable, Sendable {
        public var customerId: String?
        public var phase: RequestPhase
        /// Time since the connection was accepted.
        public var ageMs: Double

        public init(customerId: String?, phase: RequestPhase, ageMs: Double) {
            self.customerId = customerId
            self.phase = phase
            self.ageMs = ageMs
        }
    }

    /// Totals since start (or since the last `reset` through `/control`).
    public struct Counters: Codable, Equatable, Sendable {
        /// Connections taken from the accept queue.
        public var accepted: Int = 0
        /// Responses written in full.
        public var completed: Int = 0
        public var status2xx: Int = 0
        public var status3xx: Int = 0
        public var status4xx: Int = 0
        public var status5xx: Int = 0
        /// 503s sent because of `--limit-concurrency` (also counted in `status5xx`).
        public var rejected: Int = 0
        /// Sync workers killed and replaced after `--timeout`.
        public var timedOutWorkers: Int = 0
        /// Cups brewed for a customer who had already walked out (the client closed first).
        public var servedAfterWalkOut: Int = 0
        /// `status4xx` by code ("408": 12), so a screen can name what the café answered even when no customer was
        /// left to read it. Nil in JSON from cafés older than this field.
        public var status4xxByCode: [String: Int]?

        public init() {}

        /// Adds `other`'s 4xx codes to these (one loop's totals into the café's).
        public mutating func add4xxCodes(of other: Self) {
            guard let codes = other.status4xxByCode else { return }
            status4xxByCode = (status4xxByCode ?? [:]).merging(codes, uniquingKeysWith: +)
        }

        /// Counts one response of the given status code.
        public mutating func count(status: Int) {
            completed += 1
            switch status {
            case 200..<300: status2xx += 1
            case 300..<400: status3xx += 1
            case 400..<500:
                status4xx += 1
                status4xxByCode = status4xxByCode ?? [:]
                status4xxByCode![String(status), default: 0] += 1
            default: status5xx += 1
            }
        }
    }
}
