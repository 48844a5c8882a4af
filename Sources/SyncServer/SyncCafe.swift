import CSystemShims
import CafeHTTP
import CafeModel
import Foundation
import Synchronization
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// The sync café: a blocking HTTP/1.1 server with a fixed pool of worker threads — gunicorn's sync worker.
///
/// Each barista (worker thread) takes one customer from the door (`accept()`), reads the order, brews it
/// standing by the machine (the thread blocks), hands over the cup, closes the connection and only then
/// looks up for the next customer. Customers who arrive while every barista is busy wait in the kernel's
/// accept queue — the queue at the door. An arbiter thread keeps the pool at its target size and kills
/// workers stuck longer than `--timeout`, as gunicorn's arbiter does.
///
/// Where to read what, beside gunicorn's own files:
/// - `SyncWorker` — `workers/sync.py`: accept → handle → respond, one customer at a time.
/// - `Arbiter`, `ArbiterInbox` — `arbiter.py`: `manage_workers`, `murder_workers`, `handle_ttin`/`handle_ttou`.
/// - `Board`, `WorkerSlot` — what every barista is doing now, as `/stats` shows it (gunicorn keeps no such
///   board: its workers only touch a heartbeat file that the arbiter reads).
/// - `PosixSocket` — the few socket calls, each kernel constant named.
public final class SyncCafe: TelemetrySource {
    public let configuration: SyncCafeConfiguration
    /// The café's real port (useful when 0 was asked for).
    public let port: Int
    public var adminPort: Int { admin.port }

    /// The door: the listening socket every barista `accept()`s from.
    let listenFD: Int32
    let board: Mutex<Board>
    /// Signals and wake-ups waiting for the arbiter's loop.
    let inbox = ArbiterInbox()
    /// The kernel's list of sockets at the door, for customers who left before being let in.
    private let doorTable: KernelSocketTable
    /// Accepts that fail for want of descriptors: the workers back off instead of spinning.
    let doorJam = DoorJam(log: { log($0) })
    private let admin = AdminDoor()
    private let startedAt = ContinuousClock.now
    /// SIGTERM: new orders answered 503, the cups in progress finished within the grace.
    let closingTime = ClosingTime()

    /// How often closing time looks again at the cups still brewing and the threads still running.
    static let closingPoll: Duration = .milliseconds(5)
    /// After the grace, how long the workers and the arbiter have to leave before the door is closed anyway.
    static let threadsLeaveWithin: Duration = .milliseconds(500)

    /// Opens the café: binds both ports, hires the workers and starts the arbiter. Throws `ServeError` when a port
    /// is taken or the host is not an address.
    public init(configuration: SyncCafeConfiguration) throws(ServeError) {
        self.configuration = configuration
        listenFD = try PosixSocket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        port = ListeningSocket.boundPort(listenFD)
        doorTable = KernelSocketTable(port: port, address: .of(listening: listenFD))
        board = Mutex(Board(targetWorkers: configuration.workers))
        do throws(ServeError) {
            try admin.open(configuration.doors, for: self, reserve: doorJam.reserve)
        } catch {
            close(listenFD)
            throw error
        }
        Arbiter.start(for: self)
    }

    // MARK: - Live changes

    /// Sets the number of baristas (`/control workers=N`): the arbiter hires the new ones at once; extra ones
    /// finish their cup and leave. As gunicorn's control socket does, this sets the target and wakes the arbiter.
    public func setWorkers(_ count: Int) {
        let clamped = min(max(count, 1), CafeLimits.workers.upperBound)
        board.withLock { $0.targetWorkers = clamped }
        inbox.wakeUp()
    }

    /// SIGTTIN: one more barista, queued for the arbiter (gunicorn's `handle_ttin`).
    public func addWorker() { inbox.put(.ttin) }

    /// SIGTTOU: one barista fewer (never below one), queued for the arbiter (gunicorn's `handle_ttou`).
    public func removeWorker() { inbox.put(.ttou) }

    /// How many baristas the arbiter keeps (those still finishing a cup before retiring are not counted).
    public var targetWorkers: Int { board.withLock { $0.targetWorkers } }

    // MARK: - Shutdown

    /// Closes the café as gunicorn does on SIGTERM, but without resetting anyone: says so in one line, answers
    /// every new order (the door's queue too) 503 with `Connection: close`, lets the cups in progress finish within
    /// the grace (`--graceful-timeout`), answers those still brewing after it 503, and closes.
    public func shutdown() {
        let cups: Int? = board.withLock { board in
            guard !board.stopping else { return nil }
            board.stopping = true
            return board.slots.values.filter(\.isBrewing).count
        }
        guard let cups else { return }
        inbox.wakeUp()  // the arbiter leaves its loop now, not at its next tick
        closingTime.begin(grace: configuration.shutdownGrace, cupsInProgress: cups, log: log)
        // A cup for a customer who has already left is for nobody: its barista stops it within a brew's
        // `Brewing.stopCheck`, so closing time does not wait for it.
        let clock = ContinuousClock()
        let deadline = closingTime.deadline ?? clock.now
        while clock.now < deadline, board.withLock({ $0.slots.values.contains(where: \.isBrewing) }) {
            Brewing.sleepFor(Self.closingPoll)
        }
        closingTime.endGrace()
        // Wakes workers sitting in poll() on the listening socket (on Linux, shutdown does; close may not).
        Glibc.shutdown(listenFD, Int32(SHUT_RDWR))
        // Close the door only when no thread can touch it any more: a reused descriptor number must never
        // reach a worker of this café.
        let leaving = clock.now.advanced(by: Self.threadsLeaveWithin)
        while clock.now < leaving && !board.withLock({ $0.nobodyAtTheDoor }) {
            Brewing.sleepFor(Self.closingPoll)
        }
        // Counted once every barista has left: a barista who saw the grace run out before this thread did has
        // answered its customer 503 already (counted as cut short), and one still brewing now never will.
        let stillBrewing = board.withLock { $0.slots.values.filter { $0.isBrewing && $0.phase != .writing }.count }
        let unfinished = closingTime.cupsCutShort + stillBrewing
        if unfinished > 0 {
            log(ClosingTime.closedLine(unfinished: unfinished))
        }
        admin.close()
        board.withLock { board in
            if board.nobodyAtTheDoor {
                close(listenFD)
            } else {
                board.doorLeftToLastThread = true
            }
        }
    }

    /// Called under the board's lock by a thread of the café that has just left: the last one out closes a door
    /// closing time left to it. A closed descriptor's number is reused at once, so a barista still at the door
    /// would otherwise accept from whatever socket takes the number next (another server's).
    func leaveTheDoor(_ board: inout Board) {
        guard board.doorLeftToLastThread, board.nobodyAtTheDoor else { return }
        board.doorLeftToLastThread = false
        close(listenFD)
    }

    // MARK: - Telemetry

    public func stats() -> ServerStats {
        var queueLength: UInt32 = 0, queueMaximum: UInt32 = 0
        let acceptQueue =
            shim_listen_queue(listenFD, &queueLength, &queueMaximum) == 0
            ? ServerStats.AcceptQueue(
                length: Int(queueLength), maximum: Int(queueMaximum), gone: doorTable.gone(queued: Int(queueLength)))
            : nil
        let now = ContinuousClock.now
        var stats = board.withLock { board in
            let slots = board.slots.values.sorted { $0.ticket.id < $1.ticket.id }
            let workers = slots.map { slot in
                ServerStats.WorkerStats(
                    id: slot.ticket.id, state: slot.state, customerId: slot.customerId,
                    forMs: slot.since.duration(to: now).milliseconds, brewMs: slot.brewMs)
            }
            // Every slot is walked (at most `maximumWorkers`), so the phase counts are exact, never capped.
            var phaseCounts = PhaseCounts()
            let inProgress = slots.compactMap { slot -> ServerStats.RequestInProgress? in
                guard let phase = slot.phase, let acceptedAt = slot.acceptedAt else { return nil }
                phaseCounts[phase] += 1
                let ageMs = acceptedAt.duration(to: now).milliseconds
                return .init(customerId: slot.customerId, phase: phase, ageMs: ageMs)
            }.sorted { $0.ageMs > $1.ageMs }
            let config = ServerStats.Configuration(
                host: configuration.host, port: port, backlog: configuration.backlog,
                headerTimeoutMs: configuration.headerTimeout.milliseconds, workers: board.targetWorkers,
                timeoutMs: configuration.timeout.milliseconds)
            return ServerStats(
                cafe: .sync, pid: ProcessUsage.pid, uptimeMs: startedAt.duration(to: now).milliseconds,
                cpuSeconds: ProcessUsage.cpuSeconds(), config: config, acceptQueue: acceptQueue, workers: workers,
                inProgress: Array(inProgress.prefix(ServerStats.inProgressLimit)), inProgressCount: inProgress.count,
                phaseCounts: phaseCounts, acceptPausedReason: doorJam.pausedReason,
                acceptErrors: doorJam.acceptErrors, counters: board.counters)
        }
        stats.closing = closingTime.stats
        return stats
    }

    public var cafe: CafeKind { .sync }

    public func control(_ request: ControlRequest) -> String {
        if request.reset { board.withLock { $0.counters = ServerStats.Counters() } }
        if let workers = request.workers { setWorkers(workers) }
        return "sync café: " + request.summary
    }
}

/// The café's log line, on stderr (stdout carries only the ready line).
let log = StderrLog.syncCafe
