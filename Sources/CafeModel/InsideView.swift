/// What one thread of a server is doing right now, as the kernel says (`/proc/PID/task/TID/stat` and `wchan`).
/// In the café: seen through the window, a barista is asleep by the machine, listening to an order, watching the
/// door for customers, or busy with their hands — and sometimes we cannot tell.
public enum KernelActivity: String, Equatable, Hashable, Codable, Sendable, CaseIterable {
    /// Sleeping in `nanosleep` (`hrtimer_nanosleep`): Python's `time.sleep`, the café's I/O brew.
    case sleeping
    /// Waiting for bytes from a client (`wait_woken` in `recvfrom`): reading an order.
    case reading
    /// Waiting for customers or events: `select`/`poll`/`epoll_wait`/`accept`.
    case waitingForCustomers
    /// On a core now (state R).
    case working
    /// Waiting for another thread (a futex: a lock, a condition, a join).
    case waitingForThread
    /// Anything else (disk, a pipe, a kernel the names do not cover).
    case unknown

    /// The words the pane uses: "3 blocked in sleep".
    public var words: String {
        switch self {
        case .sleeping: return "blocked in sleep"
        case .reading: return "reading"
        case .waitingForCustomers: return "waiting for customers"
        case .working: return "working on a core"
        case .waitingForThread: return "waiting for a thread"
        case .unknown: return "unknown"
        }
    }

    /// The order in which a summary names them: what holds a worker first.
    public static let summaryOrder: [KernelActivity] = [
        .sleeping, .reading, .working, .waitingForThread, .waitingForCustomers, .unknown,
    ]
}

/// The inside of a server process tree seen from the kernel (Linux `/proc`), without asking the server anything:
/// the workers of gunicorn or nginx (one per child process), or the threads of a single process (uvicorn's loop,
/// barista's own cafés, Django's runserver). Built by `KernelProcessView` in CafeHTTP every poll.
public struct InsideView: Equatable, Sendable {
    /// One server process: its pid, its name (`comm`), its threads.
    public struct Process: Equatable, Sendable {
        public var pid: Int32
        public var name: String
        public var threads: [Thread]

        public init(pid: Int32, name: String, threads: [Thread]) {
            self.pid = pid
            self.name = name
            self.threads = threads
        }

        /// The process's first thread (its tid is its pid): a gunicorn worker, uvicorn's event loop.
        public var mainThread: Thread? { threads.first { $0.tid == pid } ?? threads.first }
    }

    /// One thread: its id, its name, the kernel's state letter and wait channel, and what that means.
    public struct Thread: Equatable, Sendable {
        public var tid: Int32
        public var name: String
        public var state: Character
        public var wchan: String
        public var activity: KernelActivity

        public init(tid: Int32, name: String, state: Character, wchan: String, activity: KernelActivity) {
            self.tid = tid
            self.name = name
            self.state = state
            self.wchan = wchan
            self.activity = activity
        }
    }

    /// The root process first (gunicorn's arbiter, nginx's master, or the only process), then its descendants.
    public var processes: [Process]

    public init(processes: [Process]) {
        self.processes = processes
    }

    /// Every thread of every process.
    public var threads: [Thread] { processes.flatMap(\.threads) }

    /// The workers as a reader of the server means them: with child processes (gunicorn, nginx), each child's
    /// main thread — the arbiter or master is not a worker; a single process (uvicorn), its main thread (the loop).
    public var workers: [Thread] {
        if processes.count > 1 { return processes.dropFirst().compactMap(\.mainThread) }
        return processes.first?.mainThread.map { [$0] } ?? []
    }

    /// How many of `threads` do each thing.
    public static func count(_ threads: [Thread], _ activity: KernelActivity) -> Int {
        threads.reduce(0) { $0 + ($1.activity == activity ? 1 : 0) }
    }

    /// "4 workers: 3 blocked in sleep, 1 reading" (`noun` names them: workers, threads, loop).
    public static func summary(_ threads: [Thread], noun: String = "worker") -> String {
        let parts = KernelActivity.summaryOrder.compactMap { activity -> String? in
            let n = count(threads, activity)
            return n > 0 ? "\(n) \(activity.words)" : nil
        }
        let name = threads.count == 1 ? noun : noun + "s"
        return "\(threads.count) \(name)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }
}
