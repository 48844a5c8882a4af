import NIOCore
import NIOPosix
import Synchronization

/// The async café's back room: K helpers (threads) who do the blocking work the loop must not do —
/// `run_in_executor` / `sync_to_async`. Customers beyond K wait in line for a free helper.
///
/// The helpers are threads of `NIOThreadPool`s; the room itself keeps the line, so it can count who waits
/// and who is busy, and so a live change of K (through `/control`) lets waiting customers in at once.
/// Raising K past the threads started so far starts one more pool for the difference; lowering K only
/// lets fewer helpers work (idle threads stay parked, nothing is interrupted).
final class OffloadRoom: Sendable {
    /// A job for a helper; `cancelled` is true when the room shut down before a helper took it.
    typealias Job = @Sendable (_ cancelled: Bool) -> Void

    private struct Pool {
        let threads: NIOThreadPool
        let capacity: Int
        var busy = 0
    }

    private struct Room {
        var helpers: Int
        var busy = 0
        var line = CircularBuffer<Job>()
        var pools: [Pool] = []
        var closed = false
    }

    private let room: Mutex<Room>

    init(helpers: Int) {
        room = Mutex(Room(helpers: helpers))
        room.withLock { Self.growPools(&$0) }
    }

    var helpers: Int { room.withLock { $0.helpers } }

    /// (helpers, busy, waiting) as `/stats` shows them.
    var counts: (helpers: Int, busy: Int, waiting: Int) {
        room.withLock { ($0.helpers, $0.busy, $0.line.count) }
    }

    /// Hands `job` to a free helper, or puts it in line for the next one. A job handed in after `shutdown`
    /// is cancelled at once (`job(true)`). Every job runs exactly once.
    func submit(_ job: @escaping Job) {
        enum Placed { case helper(NIOThreadPool, Int), inLine, closed }
        // One decision under one lock: had the room been asked again after the line was queued, a
        // `shutdown` draining the line in between would have run the job twice (once as cancelled here).
        let placed: Placed = room.withLock { room in
            guard !room.closed else { return .closed }
            guard let pool = Self.takeHelper(&room) else {
                room.line.append(job)
                return .inLine
            }
            return .helper(room.pools[pool].threads, pool)
        }
        switch placed {
        case .helper(let threads, let pool):
            threads.submit { state in self.work(job, pool: pool, cancelled: state == .cancelled) }
        case .inLine:
            break
        case .closed:
            job(true)
        }
    }

    /// Sets the number of helpers; customers in line get the new helpers at once.
    func setHelpers(_ count: Int) {
        let starts: [(NIOThreadPool, Int, Job)] = room.withLock { room in
            room.helpers = count
            Self.growPools(&room)
            return Self.admitFromLine(&room)
        }
        for (threads, pool, job) in starts {
            threads.submit { state in self.work(job, pool: pool, cancelled: state == .cancelled) }
        }
    }

    /// Cancels the line and stops the helper threads once their current job is done.
    func shutdown() {
        let (pools, line): ([NIOThreadPool], [Job]) = room.withLock { room in
            room.closed = true
            defer { room.line.removeAll() }
            return (room.pools.map(\.threads), Array(room.line))
        }
        for job in line { job(true) }
        for pool in pools { try? pool.syncShutdownGracefully() }
    }

    // MARK: - Inside the room

    private func work(_ job: Job, pool: Int, cancelled: Bool) {
        job(cancelled)
        let next: [(NIOThreadPool, Int, Job)] = room.withLock { room in
            room.busy -= 1
            room.pools[pool].busy -= 1
            return Self.admitFromLine(&room)
        }
        for (threads, pool, job) in next {
            threads.submit { state in self.work(job, pool: pool, cancelled: state == .cancelled) }
        }
    }

    /// Claims a helper if one is free: the index of a pool with an idle thread.
    private static func takeHelper(_ room: inout Room) -> Int? {
        guard room.busy < room.helpers,
            let index = room.pools.firstIndex(where: { $0.busy < $0.capacity })
        else { return nil }
        room.busy += 1
        room.pools[index].busy += 1
        return index
    }

    private static func admitFromLine(_ room: inout Room) -> [(NIOThreadPool, Int, Job)] {
        var starts: [(NIOThreadPool, Int, Job)] = []
        while !room.closed, !room.line.isEmpty, let pool = takeHelper(&room) {
            starts.append((room.pools[pool].threads, pool, room.line.removeFirst()))
        }
        return starts
    }

    private static func growPools(_ room: inout Room) {
        let threads = room.pools.reduce(0) { $0 + $1.capacity }
        guard room.helpers > threads, !room.closed else { return }
        let pool = NIOThreadPool(numberOfThreads: room.helpers - threads)
        pool.start()
        room.pools.append(Pool(threads: pool, capacity: room.helpers - threads))
    }
}
