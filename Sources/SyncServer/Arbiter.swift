import CafeHTTP
import CafeModel
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The sync café's arbiter: gunicorn's `Arbiter` (arbiter.py), one thread that keeps the pool of baristas alive.
///
///     manage_workers
///     loop: wait_for_signals (up to a tick) → handle_ttin / handle_ttou → murder_workers → manage_workers
///
/// Nobody else hires, retires or kills a barista: SIGTTIN/SIGTTOU only queue a signal and `/control` only sets
/// the target and wakes the loop (`ArbiterInbox`). gunicorn's workers are processes it forks and signals; here
/// they are threads, so a kill is a flag on the worker's ticket plus a `shutdown()` of its customer's socket.
struct Arbiter {
    let cafe: SyncCafe

    /// How long the loop waits for a signal before it looks at the workers anyway (gunicorn waits up to 1 s;
    /// a short tick lets a 300 ms `--timeout` be honoured within a few percent).
    static let tick: Duration = .milliseconds(50)
    /// A worker thread's stack: a barista needs little (one order and one cup at a time), and the 512 the café
    /// allows at the usual default of 8 MiB each would reserve 4 GiB of address space.
    static let workerStackBytes = 512 * 1024

    /// Hires the first baristas now, on the caller's thread, so the pool is full when the café says it is open,
    /// then starts the arbiter's loop on a thread of its own.
    static func start(for cafe: SyncCafe) {
        let arbiter = Arbiter(cafe: cafe)
        arbiter.manageWorkers()
        let thread = Thread {
            KernelThreadName.set("sync-arbiter")
            arbiter.run()
        }
        thread.name = "sync-arbiter"
        thread.start()
    }

    /// gunicorn's main loop, until closing time; then it says it has left (the café waits for that to close the door).
    func run() {
        while !cafe.board.withLock({ $0.stopping }) {
            for signal in cafe.inbox.waitForSignals(timeout: Self.tick) {
                switch signal {
                case .ttin: handleTTIN()
                case .ttou: handleTTOU()
                }
            }
            murderWorkers()
            manageWorkers()
        }
        cafe.board.withLock { board in
            board.arbiterLeft = true
            cafe.leaveTheDoor(&board)
        }
    }

    /// SIGTTIN: one barista more (up to the café's limit); `manageWorkers` hires them.
    func handleTTIN() {
        cafe.board.withLock { $0.targetWorkers = min($0.targetWorkers + 1, CafeLimits.workers.upperBound) }
    }

    /// SIGTTOU: one barista fewer, never below one; `manageWorkers` retires the newest.
    func handleTTOU() {
        cafe.board.withLock { $0.targetWorkers = max($0.targetWorkers - 1, 1) }
    }

    /// gunicorn's `murder_workers`: a worker busy with one customer longer than `--timeout` is killed. Its customer
    /// is cut off, its place given up at once (`manageWorkers` hires a replacement); the old thread notices the
    /// kill within a brew's `Brewing.stopCheck` (its socket is shut down) and leaves.
    func murderWorkers() {
        let timeout = cafe.configuration.timeout
        let now = ContinuousClock.now
        let victims: [WorkerSlot] = cafe.board.withLock { board in
            let stuck = board.slots.values.filter { slot in
                guard let acceptedAt = slot.acceptedAt else { return false }
                return acceptedAt.duration(to: now) > timeout
            }
            for slot in stuck {
                board.slots[slot.ticket.id] = nil
                board.counters.timedOutWorkers += 1
                slot.ticket.killed.store(true, ordering: .relaxed)
                // Under the lock: a worker gives up its `clientFD` under this lock before closing the socket, so
                // the number here is still this customer's — never a reused descriptor of the next one.
                if let fd = slot.clientFD { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
            }
            return stuck
        }
        for victim in victims {
            log("worker \(victim.ticket.id) timed out after \(timeout) and was replaced")
        }
    }

    /// gunicorn's `manage_workers`: hires or retires baristas until the pool matches its target. A retired
    /// barista finishes its cup first; the newest retire first, so baristas 0..<N keep their places on the screen
    /// (gunicorn retires its oldest: its workers have no places to keep).
    func manageWorkers() {
        let hired: [WorkerTicket] = cafe.board.withLock { board in
            guard !board.stopping else { return [] }
            let active = board.slots.values.filter { !$0.ticket.retiring.load(ordering: .relaxed) }
            if active.count > board.targetWorkers {
                let newestFirst = active.sorted { $0.ticket.id > $1.ticket.id }
                for slot in newestFirst.prefix(active.count - board.targetWorkers) {
                    slot.ticket.retiring.store(true, ordering: .relaxed)
                }
                return []
            }
            var tickets: [WorkerTicket] = []
            var id = 0
            while active.count + tickets.count < board.targetWorkers {
                // The lowest free place: a replaced or retired barista's place is taken again.
                while board.slots[id] != nil { id += 1 }
                let ticket = WorkerTicket(id: id)
                board.slots[id] = WorkerSlot(ticket: ticket, since: .now)
                board.liveThreads += 1
                tickets.append(ticket)
            }
            return tickets
        }
        for ticket in hired { spawnWorker(ticket) }
    }

    /// gunicorn's `spawn_worker`, as a thread: runs `SyncWorker` until it leaves, then gives up its place on the
    /// board (unless a replacement already holds it).
    private func spawnWorker(_ ticket: WorkerTicket) {
        let cafe = self.cafe
        let name = "sync-worker-\(ticket.id)"
        let thread = Thread {
            KernelThreadName.set(name)
            SyncWorker(cafe: cafe, ticket: ticket).run()
            cafe.board.withLock { board in
                if board.slots[ticket.id]?.ticket === ticket { board.slots[ticket.id] = nil }
                board.liveThreads -= 1
                cafe.leaveTheDoor(&board)
            }
        }
        thread.name = name
        thread.stackSize = Self.workerStackBytes
        thread.start()
    }
}
