import CafeModel
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The kernel's view of a server's processes and threads (Linux `/proc`), read without asking the server: for
/// each thread its state (`/proc/PID/task/TID/stat` field 3: R on a core, S asleep) and where it sleeps
/// (`/proc/PID/task/TID/wchan`: `hrtimer_nanosleep` in `time.sleep`, `wait_woken` reading a client, `ep_poll`
/// waiting for events). In the café: looking through the window at what each barista is doing.
///
/// The process tree (the root and its descendants) is found by one scan of `/proc` and kept for `treeAge`, as
/// gunicorn's workers change rarely; every `sample()` then reads two small files per thread. A reading is kept for
/// `maximumAge`, so pollers asking 20 times a second cost five readings a second.
public final class KernelProcessView: Sendable {
    /// How long a reading stays good.
    public static let maximumAge: Duration = .milliseconds(200)
    /// How long the list of processes stays good (a new gunicorn worker shows within this).
    public static let treeAge: Duration = .seconds(1)

    /// The process whose tree is read (gunicorn's arbiter, nginx's master, uvicorn, a café).
    public let root: Int32
    private let proc: String
    private let cache = Mutex<Cache>(Cache())

    private struct Cache {
        var sample: (at: ContinuousClock.Instant, view: InsideView?)?
        var tree: (at: ContinuousClock.Instant, pids: [Int32])?
    }

    /// Watches `root` and its descendants; `proc` is where procfs is mounted (a test may point elsewhere).
    public init(root: Int32, proc: String = "/proc") {
        self.root = root
        self.proc = proc
    }

    /// Watches the process that owns the socket listening on `port` on this machine; nil when none can be seen
    /// (another user's process, another machine, not Linux).
    public convenience init?(listeningPort port: Int, proc: String = "/proc") {
        guard let owner = Self.owner(ofListeningPort: port, proc: proc) else { return nil }
        self.init(root: owner, proc: proc)
    }

    /// The tree now (or at most `maximumAge` ago); nil once the root process is gone.
    public func sample() -> InsideView? {
        let now = ContinuousClock.now
        return cache.withLock { cache in
            if let sample = cache.sample, sample.at.duration(to: now) < Self.maximumAge { return sample.view }
            if cache.tree.map({ $0.at.duration(to: now) >= Self.treeAge }) ?? true {
                cache.tree = (now, Self.tree(of: root, proc: proc))
            }
            var processes = cache.tree!.pids.compactMap { Self.process($0, proc: proc) }
            if processes.first?.pid != root { processes = [] }
            let view = processes.isEmpty ? nil : InsideView(processes: processes)
            cache.sample = (now, view)
            return view
        }
    }

    /// A sample read now, past the cache, on the tree as last scanned (for the benchmark: the cost of one sample).
    public func sampleNow() -> InsideView? {
        let pids = cache.withLock { $0.tree?.pids } ?? Self.tree(of: root, proc: proc)
        let processes = pids.compactMap { Self.process($0, proc: proc) }
        return processes.first?.pid == root ? InsideView(processes: processes) : nil
    }

    // MARK: - Reading /proc

    /// One process: its name and every thread's state and wait channel.
    static func process(_ pid: Int32, proc: String) -> InsideView.Process? {
        guard let stat = ProcText.read("\(proc)/\(pid)/stat"), let head = ProcText.stat(stat) else { return nil }
        let threads = ProcText.numericEntries(of: "\(proc)/\(pid)/task").sorted().compactMap {
            tid -> InsideView.Thread? in
            let base = "\(proc)/\(pid)/task/\(tid)"
            guard let stat = ProcText.read("\(base)/stat"), let fields = ProcText.stat(stat) else { return nil }
            let wchan = ProcText.read("\(base)/wchan") ?? ""
            var activity = classify(state: fields.state, wchan: wchan)
            if activity == .unknown, wchan.isEmpty || wchan == "0", let call = ProcText.read("\(base)/syscall") {
                activity = classify(state: fields.state, syscall: Int(call.prefix { $0 != " " }))
            }
            return InsideView.Thread(tid: tid, name: fields.name, state: fields.state, wchan: wchan, activity: activity)
        }
        return InsideView.Process(pid: pid, name: head.name, threads: threads)
    }

    /// `root` and every process descended from it, the root first, from one scan of `/proc`.
    static func tree(of root: Int32, proc: String) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for pid in ProcText.numericEntries(of: proc) {
            if let stat = ProcText.read("\(proc)/\(pid)/stat"), let fields = ProcText.stat(stat), fields.state != "Z" {
                parents[pid] = fields.ppid
            }
        }
        guard parents[root] != nil else { return [] }
        var tree = [root]
        var index = 0
        while index < tree.count {
            let parent = tree[index]
            tree += parents.filter { $0.value == parent }.map(\.key).sorted()
            index += 1
        }
        return tree
    }

    /// The process that listens on `port`: the LISTEN socket's inode in `/proc/net/tcp{,6}`, then the process
    /// holding `socket:[inode]` in `/proc/PID/fd`. Of several holders (gunicorn's arbiter and its workers share the
    /// socket), the one whose parent is not a holder: the root of the server.
    public static func owner(ofListeningPort port: Int, proc: String = "/proc") -> Int32? {
        let inodes = Set(
            ["\(proc)/net/tcp", "\(proc)/net/tcp6"].compactMap { path -> Int? in
                guard let text = ProcText.read(path, limit: 4 << 20) else { return nil }
                return KernelSocketTable.listeningInode(text, port: port)
            })
        guard !inodes.isEmpty else { return nil }
        let targets = Set(inodes.map { "socket:[\($0)]" })
        var holders: [Int32: Int32] = [:]
        for pid in ProcText.numericEntries(of: proc) {
            let folder = "\(proc)/\(pid)/fd"
            let holds = ProcText.numericEntries(of: folder).contains { fd in
                ProcText.link("\(folder)/\(fd)").map(targets.contains) ?? false
            }
            if holds, let stat = ProcText.read("\(proc)/\(pid)/stat"), let fields = ProcText.stat(stat) {
                holders[pid] = fields.ppid
            }
        }
        return holders.filter { holders[$0.value] == nil }.keys.min()
    }

    // MARK: - Classifying

    /// What a thread does, from its state letter and wait channel. The channel's names differ between kernels
    /// (`do_select` or `poll_schedule_timeout.constprop.0`), so a suffix after a dot is dropped and several names
    /// map to one activity.
    public static func classify(state: Character, wchan: String) -> KernelActivity {
        if state == "R" { return .working }
        let name = wchan.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        switch name {
        case "hrtimer_nanosleep", "do_nanosleep", "clock_nanosleep", "common_nsleep":
            return .sleeping
        case "wait_woken", "sk_wait_data", "tcp_recvmsg", "tcp_recvmsg_locked", "unix_stream_read_generic",
            "unix_stream_data_wait":
            return .reading
        case "do_select", "core_sys_select", "do_sys_poll", "poll_schedule_timeout", "ep_poll", "do_epoll_wait",
            "inet_csk_accept", "inet_csk_wait_for_connect":
            return .waitingForCustomers
        case "futex_wait_queue", "futex_wait_queue_me", "futex_do_wait", "futex_wait", "__futex_wait":
            return .waitingForThread
        default:
            return .unknown
        }
    }

    /// The same from the system call a sleeping thread is in (`/proc/PID/task/TID/syscall`), for a kernel that
    /// hides wait channels. The numbers are x86_64's; elsewhere the answer is unknown.
    public static func classify(state: Character, syscall: Int?) -> KernelActivity {
        if state == "R" { return .working }
        #if arch(x86_64)
        switch syscall {
        case 35, 230: return .sleeping  // nanosleep, clock_nanosleep
        case 45, 47: return .reading  // recvfrom, recvmsg
        case 7, 23, 232, 270, 271, 281, 441, 43, 288: return .waitingForCustomers  // poll, select, epoll, accept
        case 202: return .waitingForThread  // futex
        default: return .unknown
        }
        #else
        return .unknown
        #endif
    }
}

/// Small reads of `/proc` files and folders without Foundation: a poll reads many of them, each a few hundred
/// bytes.
enum ProcText {
    /// The whole file as text, up to `limit` bytes; nil when it cannot be opened.
    static func read(_ path: String, limit: Int = 4096) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: min(limit, 4096))
        var used = 0
        while used < limit {
            if used == bytes.count { bytes += [UInt8](repeating: 0, count: min(bytes.count, limit - used)) }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + used, $0.count - used) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            used += count
        }
        return String(decoding: bytes[0..<used], as: UTF8.self)
    }

    /// Where a symbolic link points (`socket:[12345]`).
    static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The entries of a folder whose names are numbers (pids, tids, fds).
    static func numericEntries(of path: String) -> [Int32] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var numbers: [Int32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let number = Int32(name) { numbers.append(number) }
        }
        return numbers
    }

    /// From `pid (comm) S ppid …`: the name, state letter and parent. The name may hold spaces and parentheses,
    /// so it ends at the last `)`.
    static func stat(_ text: String) -> (name: String, state: Character, ppid: Int32)? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ", maxSplits: 3)
        guard fields.count >= 2, let state = fields[0].first, let ppid = Int32(fields[1]) else { return nil }
        return (String(text[text.index(after: open)..<close]), state, ppid)
    }
}
