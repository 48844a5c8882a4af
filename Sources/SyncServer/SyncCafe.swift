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
public final class SyncCafe: TelemetrySource {
    public let configuration: SyncCafeConfiguration
    /// The café's real port (useful when 0 was asked for).
    public let port: Int
    public var adminPort: Int { admin.withLock { $0?.port ?? 0 } }

    let listenFD: Int32
    let board: Mutex<Board>
    /// The kernel's list of sockets at the door, for customers who left before being let in.
    private let doorTable: KernelSocketTable
    /// Accepts that fail for want of descriptors: the workers back off instead of spinning.
    let doorJam = DoorJam(log: { log($0) })
    private let admin = Mutex<AdminServer?>(nil)
    private let startedAt = ContinuousClock.now
    private let arbiterDone = Mutex<Bool>(false)
    /// SIGTERM: new orders answered 503, the cups in progress finished within the grace.
    let closingTime = ClosingTime()

    /// Everything the workers, the arbiter and the admin thread share, behind one lock.
    struct Board {
        var slots: [Int: WorkerSlot] = [:]
        var targetWorkers: Int
        var counters = ServerStats.Counters()
        var stopping = false
        /// Worker threads still running, including killed ones finishing their sleep.
        var liveThreads = 0
    }

    /// Opens the café: binds both ports, starts the workers and the arbiter. Throws `ServeError` when a port
    /// is taken or the host is not an address.
    public init(configuration: SyncCafeConfiguration) throws(ServeError) {
        self.configuration = configuration
        listenFD = try PosixSocket.listen(host: configuration.host, port: configuration.port,
                                          backlog: configuration.backlog)
        port = ListeningSocket.boundPort(listenFD)
        doorTable = KernelSocketTable(port: port)
        board = Mutex(Board(targetWorkers: configuration.workers))
        do {
            let server = try AdminServer(
                host: configuration.adminHost, port: configuration.adminPort, token: configuration.adminToken,
                source: self)
            admin.withLock { $0 = server }
        } catch {
            close(listenFD)
            throw .adminPortInUse(configuration.adminPort)
        }
        manageWorkers()
        let arbiter = Thread { [self] in
            KernelThreadName.set("sync-arbiter")
            runArbiter()
        }
        arbiter.name = "sync-arbiter"
        arbiter.start()
    }

    // MARK: - Live changes

    /// Sets the number of baristas; extra ones finish their cup and leave, new ones start at once.
    public func setWorkers(_ count: Int) {
        let clamped = min(max(count, 1), CafeLimits.workers.upperBound)
        board.withLock { $0.targetWorkers = clamped }
        manageWorkers()
    }

    /// SIGTTIN: one more barista.
    public func addWorker() { setWorkers(board.withLock { $0.targetWorkers } + 1) }

    /// SIGTTOU: one barista fewer (never below one).
    public func removeWorker() { setWorkers(board.withLock { $0.targetWorkers } - 1) }

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
        closingTime.begin(grace: configuration.shutdownGrace, cupsInProgress: cups, log: log)
        // A cup for a customer who has already left is for nobody: its barista stops it within a brew's
        // `Brewing.stopCheck`, so closing time does not wait for it.
        let clock = ContinuousClock()
        let deadline = closingTime.deadline ?? clock.now
        while clock.now < deadline, board.withLock({ $0.slots.values.contains(where: \.isBrewing) }) {
            Brewing.sleepFor(.milliseconds(5))
        }
        let unfinished = board.withLock { $0.slots.values.filter(\.isBrewing).count }
        closingTime.endGrace()
        // Wakes workers sitting in poll() on the listening socket (on Linux, shutdown does; close may not).
        Glibc.shutdown(listenFD, Int32(SHUT_RDWR))
        // Close the door only when no thread can touch it any more: a reused descriptor number must never
        // reach a worker of this café.
        let leaving = clock.now.advanced(by: .milliseconds(500))
        while clock.now < leaving && (!arbiterDone.withLock({ $0 }) || board.withLock({ $0.liveThreads > 0 })) {
            Brewing.sleepFor(.milliseconds(5))
        }
        if unfinished > 0 {
            log(ClosingTime.closedLine(unfinished: unfinished))
        }
        admin.withLock { $0?.shutdown() }
        close(listenFD)
    }

    // MARK: - The arbiter (gunicorn's arbiter loop: murder_workers, manage_workers)

    private func runArbiter() {
        while !board.withLock({ $0.stopping }) {
            killStuckWorkers()
            manageWorkers()
            Brewing.sleepFor(.milliseconds(50))
        }
        arbiterDone.withLock { $0 = true }
    }

    /// A worker busy longer than `--timeout` is killed: its customer is cut off, its place taken by a new
    /// worker. The old thread notices the kill at once (its brew wakes on the socket shutdown) and leaves.
    private func killStuckWorkers() {
        let now = ContinuousClock.now
        let victims: [WorkerSlot] = board.withLock { board in
            let stuck = board.slots.values.filter {
                guard let acceptedAt = $0.acceptedAt else { return false }
                return acceptedAt.duration(to: now) > configuration.timeout
            }
            for slot in stuck {
                board.slots[slot.ticket.id] = nil
                board.counters.timedOutWorkers += 1
                slot.ticket.killed.store(true, ordering: .relaxed)
                // Under the lock: a worker clears its `clientFD` under this lock before closing the socket,
                // so the number here is still this customer's — never a reused descriptor of the next one.
                if let fd = slot.clientFD { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
            }
            return stuck
        }
        for victim in victims {
            log("worker \(victim.ticket.id) timed out after \(configuration.timeout) and was replaced")
        }
    }

    /// Starts or retires workers until the pool matches its target.
    func manageWorkers() {
        let newTickets: [WorkerTicket] = board.withLock { board in
            guard !board.stopping else { return [] }
            let active = board.slots.values.filter { !$0.ticket.retiring.load(ordering: .relaxed) }
            if active.count > board.targetWorkers {
                // Retire the newest first, so baristas 0..<N stay at their places on the screen.
                for slot in active.sorted(by: { $0.ticket.id > $1.ticket.id }).prefix(active.count - board.targetWorkers) {
                    slot.ticket.retiring.store(true, ordering: .relaxed)
                }
                return []
            }
            var tickets: [WorkerTicket] = []
            var id = 0
            while active.count + tickets.count < board.targetWorkers {
                while board.slots[id] != nil { id += 1 }
                let ticket = WorkerTicket(id: id)
                board.slots[id] = WorkerSlot(ticket: ticket, since: .now)
                board.liveThreads += 1
                tickets.append(ticket)
            }
            return tickets
        }
        for ticket in newTickets {
            let thread = Thread { [self] in
                KernelThreadName.set("sync-worker-\(ticket.id)")
                SyncWorker(cafe: self, ticket: ticket).run()
                board.withLock { board in
                    if board.slots[ticket.id]?.ticket === ticket { board.slots[ticket.id] = nil }
                    board.liveThreads -= 1
                }
            }
            thread.name = "sync-worker-\(ticket.id)"
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    // MARK: - Telemetry

    public func stats() -> ServerStats {
        var queueLength: UInt32 = 0, queueMaximum: UInt32 = 0
        let acceptQueue = shim_listen_queue(listenFD, &queueLength, &queueMaximum) == 0
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
                return .init(customerId: slot.customerId, phase: phase, ageMs: acceptedAt.duration(to: now).milliseconds)
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
