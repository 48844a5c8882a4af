import CafeModel
import NIOCore
import Synchronization

/// One async barista's slate: what one event loop is doing, written by that loop (and by back-room helpers
/// for its customers), read by the admin thread for `/stats`.
///
/// Each loop has its own board, so loops never contend for a lock; the admin thread takes them one by one.
/// A request costs its loop one or two uncontended lock operations.
final class LoopBoard: Sendable {
    let id: Int
    private let slate: Mutex<Slate>

    /// A customer being served on this loop.
    struct Entry {
        var customerId: String?
        var phase: RequestPhase
        /// When the order started arriving (the connection's accept, or the first byte after a kept-alive answer).
        var since: NIODeadline
    }

    struct Slate {
        var state: ThreadState = .idle
        var requests: [Int: Entry] = [:]
        /// The requests above by phase, kept up to date at every change, so `/stats` never has to count them.
        var phases = PhaseCounts()
        var nextRequest = 0
        /// Connections this loop took in and has not closed: its customers, served or waiting to be.
        var connections = 0
        var counters = ServerStats.Counters()
        /// The latest probe's lateness, in ms.
        var lagMs = 0.0
        /// When the next probe is due: once it is overdue, the loop is late by at least that much right now.
        var probeDue: NIODeadline?
        var windowStart = NIODeadline.now()
        var windowMaxMs = 0.0
        var previousWindowMaxMs = 0.0

        mutating func remove(_ request: Int) {
            if let entry = requests.removeValue(forKey: request) { phases[entry.phase] -= 1 }
        }
    }

    init(id: Int) {
        self.id = id
        slate = Mutex(Slate())
    }

    // MARK: - Written by the loop

    func accepted() {
        slate.withLock { slate in
            slate.counters.accepted += 1
            slate.connections += 1
        }
    }

    /// A connection this loop took in has closed.
    func connectionClosed() { slate.withLock { $0.connections -= 1 } }

    /// A customer starts being served (or ordering); returns the ticket number for later updates.
    func begin(phase: RequestPhase, customerId: String?, since: NIODeadline) -> Int {
        slate.withLock { slate in
            let id = slate.nextRequest
            slate.nextRequest &+= 1
            slate.requests[id] = Entry(customerId: customerId, phase: phase, since: since)
            slate.phases[phase] += 1
            return id
        }
    }

    func update(_ request: Int, phase: RequestPhase, customerId: String? = nil) {
        slate.withLock { slate in
            guard let old = slate.requests[request]?.phase else { return }
            slate.phases[old] -= 1
            slate.phases[phase] += 1
            slate.requests[request]?.phase = phase
            if let customerId { slate.requests[request]?.customerId = customerId }
        }
    }

    /// The request is over: answered with `status`, or (nil) brewed for a customer who had walked out.
    func finish(_ request: Int?, status: Int?, rejected: Bool = false) {
        slate.withLock { slate in
            if let request { slate.remove(request) }
            if let status {
                slate.counters.count(status: status)
                if rejected { slate.counters.rejected += 1 }
            } else {
                slate.counters.servedAfterWalkOut += 1
            }
        }
    }

    /// Drops a request that ends without a cup of its own (answered at once, refused, or abandoned mid-order).
    func forget(_ request: Int) { slate.withLock { $0.remove(request) } }

    /// The loop thread itself: blocked (staring at the machine), running (spinning a CPU brew) or idle.
    func mark(_ state: ThreadState) { slate.withLock { $0.state = state } }

    /// The lag probe fired `lateness` after it was due; the next one is due at `nextDue`.
    func probeFired(lateness: TimeAmount, now: NIODeadline, nextDue: NIODeadline) {
        let lagMs = Double(max(lateness.nanoseconds, 0)) / 1_000_000
        slate.withLock { slate in
            slate.lagMs = lagMs
            slate.probeDue = nextDue
            if now - slate.windowStart > .seconds(1) {
                slate.previousWindowMaxMs = slate.windowMaxMs
                slate.windowMaxMs = 0
                slate.windowStart = now
            }
            slate.windowMaxMs = max(slate.windowMaxMs, lagMs)
        }
    }

    // MARK: - Read by the admin thread

    struct Snapshot {
        var loop: ServerStats.LoopStats
        var inProgress: [ServerStats.RequestInProgress]
        var phases: PhaseCounts
        var counters: ServerStats.Counters
    }

    func snapshot(now: NIODeadline) -> Snapshot {
        slate.withLock { slate in
            // A probe that is overdue shows the lag live, while the loop is still stuck.
            let overdueMs = slate.probeDue.map { Double(max((now - $0).nanoseconds, 0)) / 1_000_000 } ?? 0
            let lagMs = max(slate.lagMs, overdueMs)
            var awaiting = 0
            let inProgress = slate.requests.values.map { entry in
                if entry.phase == .awaiting { awaiting += 1 }
                return ServerStats.RequestInProgress(
                    customerId: entry.customerId, phase: entry.phase,
                    ageMs: Double((now - entry.since).nanoseconds) / 1_000_000)
            }
            let loop = ServerStats.LoopStats(
                id: id, state: slate.state, lagMs: lagMs,
                maxLagMs: max(slate.windowMaxMs, slate.previousWindowMaxMs, lagMs), awaiting: awaiting,
                customers: slate.connections, accepted: slate.counters.accepted)
            return Snapshot(loop: loop, inProgress: inProgress, phases: slate.phases, counters: slate.counters)
        }
    }

    var inProgressCount: Int { slate.withLock { $0.requests.count } }

    func resetCounters() { slate.withLock { $0.counters = ServerStats.Counters() } }
}
