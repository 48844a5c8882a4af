import CafeModel
import Synchronization

/// What one barista (worker thread) is doing, as the admin endpoint reports it.
struct WorkerSlot {
    let ticket: WorkerTicket
    var state: ThreadState = .idle
    /// The request's phase, nil while the worker waits at the door for the next customer.
    var phase: RequestPhase?
    var customerId: String?
    var since: ContinuousClock.Instant
    var acceptedAt: ContinuousClock.Instant?
    var brewMs: Double?
    /// The customer's socket, so the arbiter can cut it off when it kills a stuck worker.
    var clientFD: Int32?

    /// A cup in progress: past reading the order (closing time waits for these, not for slow orderers).
    var isBrewing: Bool { phase != nil && phase != .parsing }
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
