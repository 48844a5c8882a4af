import CafeModel
import Synchronization

/// One barista's line on the board: what this worker thread is doing now, as `/stats` reports it.
///
/// `phase` is the one truth, changed only by the worker's transitions below (gunicorn's sync worker in four
/// steps: accepted → brewing → writing → free); the thread's `state` the screen draws is read from it.
struct WorkerSlot {
    let ticket: WorkerTicket
    /// The request's phase; nil while the worker waits at the door for the next customer.
    private(set) var phase: RequestPhase?
    private(set) var customerId: String?
    /// When the current phase began (the bar's "blocked 80 ms").
    private(set) var since: ContinuousClock.Instant
    /// When this customer was let in: the arbiter's `--timeout` counts from here.
    private(set) var acceptedAt: ContinuousClock.Instant?
    private(set) var brewMs: Double?
    /// The customer's socket, so the arbiter can cut it off when it kills a stuck worker.
    private(set) var clientFD: Int32?

    /// A free barista, waiting at the door since `since`.
    init(ticket: WorkerTicket, since: ContinuousClock.Instant) {
        self.ticket = ticket
        self.since = since
    }

    /// What the worker thread is doing, read from the phase: waiting in `poll()` at the door (idle), in `recv()`
    /// for the rest of an order (reading), asleep by the machine (blocked) or on a core (running).
    var state: ThreadState {
        switch phase {
        case nil: .idle
        case .parsing: .reading
        case .blocked: .blocked
        case .running, .writing: .running
        // The async café's phases: the transitions below never set them on a sync barista.
        case .awaiting, .blockingLoop, .waitingForHelper: .running
        }
    }

    /// A cup in progress: past reading the order (closing time waits for these, not for slow orderers).
    var isBrewing: Bool { phase != nil && phase != .parsing }

    // MARK: - Transitions (the worker's own, under the board's lock)

    /// `accept()` gave this barista a customer on `fd`: reading the order begins.
    mutating func accept(_ fd: Int32, at instant: ContinuousClock.Instant) {
        phase = .parsing
        since = instant
        acceptedAt = instant
        clientFD = fd
    }

    /// The order is read: an I/O brew blocks the thread by the machine, a CPU brew keeps it running.
    mutating func brew(_ order: Order, for customer: String?, at instant: ContinuousClock.Instant) {
        phase = order.kind == .io ? .blocked : .running
        customerId = customer
        since = instant
        brewMs = Double(order.milliseconds)
    }

    /// The answer (a cup or a refusal) is being written to the socket.
    mutating func write() {
        phase = .writing
    }
}

/// The handle a worker thread checks between steps: has the arbiter killed it, or asked it to retire?
/// Both flags are atomics, so the arbiter and the worker never share anything else.
final class WorkerTicket: Sendable {
    let id: Int
    /// Set when the worker outlived `--timeout`: its customer is cut off and a new worker takes its place.
    let killed = Atomic<Bool>(false)
    /// Set when the pool shrinks: finish the current cup, then leave.
    let retiring = Atomic<Bool>(false)

    init(id: Int) { self.id = id }

    var shouldLeave: Bool { killed.load(ordering: .relaxed) || retiring.load(ordering: .relaxed) }
}
