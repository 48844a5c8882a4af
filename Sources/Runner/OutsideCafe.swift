import CafeHTTP
import CafeModel
import Foundation
import LoadGenerator
import Synchronization
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// One side of the show served by a server barista did not write: any URL (`--sync-url`), or the real gunicorn
/// or uvicorn of `--peers python`. In the café: we watch from the pavement.
///
/// On the server: the customers go to `url` (its path a template: `{ms}`, `{kind}`, `{mode}` filled from the
/// scene); when it listens on this machine, its door is its accept queue read from the kernel's socket table;
/// when it (or `statsPort`) answers barista's `/stats` — a barista café started by hand — the full view is drawn.
public final class OutsideCafe: Sendable {
    public let cafe: CafeKind
    /// The origin and path template the customers are sent to: `http://127.0.0.1:8000/brew?ms={ms}&kind={kind}`.
    public let target: LoadTarget
    /// What serves there when barista started it ("gunicorn -w 4 (sync workers)"); nil for a URL.
    public let server: String?
    /// The kernel's view of the door, when the server listens on this machine.
    let door: KernelSocketTable?
    /// How many the door holds (the server's listen backlog, capped by the kernel), when it listens here.
    let doorCapacity: Int?
    /// Polls `/stats`, when an admin port was named.
    let poller: StatsPoller?
    /// The process group serving here, when barista started it (a Python café's guard): its CPU time is this
    /// machine's to read.
    let processGroup: pid_t?
    private let kernelCache = Mutex<(at: ContinuousClock.Instant, view: ProcessGroupView)?>(nil)
    /// The kernel's view of the server's processes: the command barista started (gunicorn's arbiter, uvicorn), or
    /// the owner of the listening socket when the server listens on this machine and its process can be seen.
    let inside: KernelProcessView?
    /// The view's code, read from the app file barista started the server with (`--peers`).
    let source: ViewSource?

    /// `url`: where the customers go; `pathTemplate` is used when the URL has no path of its own; `statsPort` is a
    /// loopback port answering barista's `/stats` (the `--admin-port` of a café started by hand).
    public init(
        _ cafe: CafeKind, url: String, pathTemplate: String? = nil, server: String? = nil, statsPort: Int? = nil,
        processGroup: pid_t? = nil, serverPID: pid_t? = nil, source: ViewSource? = nil
    ) throws(LoadFlagError) {
        self.processGroup = processGroup
        self.source = source
        self.cafe = cafe
        var target = try LoadTarget(url: url, label: cafe.rawValue)
        if target.path == nil, let pathTemplate { target.path = pathTemplate }
        self.target = target
        self.server = server
        let table = KernelSocketTable(port: target.port)
        door = Self.isThisMachine(target.host) && table.hasListener() ? table : nil
        doorCapacity = door != nil ? ListenBacklog.ofPort(target.port)?.backlog : nil
        poller = statsPort.map { StatsPoller(adminPort: $0) }
        if let serverPID {
            inside = KernelProcessView(root: serverPID)
        } else {
            inside = door != nil ? KernelProcessView(listeningPort: target.port) : nil
        }
    }

    /// `http://host:port`, for the header's "try: curl".
    public var origin: String { target.origin }

    func stop() { poller?.stop() }

    /// Fills in what can be seen from outside: the door from the kernel, the server's own view if it answers
    /// `/stats`, and which rows are unknown. The client's view is already in `state`.
    func apply(to state: inout ShowState, order: Order, values: [String: String]) {
        let stats = poller?.latest
        if let stats { state.absorb(stats) }
        if stats == nil, let count = door?.doorCount() {
            state.doorQueue = count.queued
            state.goneAtDoor = count.gone
            state.doorCapacity = doorCapacity
        }
        state.insideView = stats == nil ? inside?.sample() : nil
        state.outsideView = OutsideView(
            url: target.origin + target.requestPath(order: order, values: values), server: server,
            doorFromKernel: door != nil, hasStats: stats != nil, insideFromKernel: state.insideView != nil)
        state.outsideView?.source = source
    }

    var latestStats: ServerStats? { poller?.latest }

    /// CPU seconds used so far by every live process of `processGroup` (user + system, from /proc/*/stat), read at
    /// most twice a second; nil for a server barista did not start.
    func cpuSeconds() -> Double? { kernelView()?.cpuSeconds }

    /// How many processes and threads serve here, from the kernel (the guard itself left out); nil for a server
    /// barista did not start.
    func processView() -> KernelProcesses? { kernelView()?.counts }

    private func kernelView() -> ProcessGroupView? {
        guard let processGroup else { return nil }
        let now = ContinuousClock.now
        return kernelCache.withLock { cache in
            if let cache, cache.at.duration(to: now) < .milliseconds(500) { return cache.view }
            // The guard leads the group (its pid is the group's id): barista's own process, not the server's.
            let view = ProcessGroupView.read(group: processGroup, excluding: processGroup)
            cache = (now, view)
            return view
        }
    }

    /// A host name that means this machine: only then is the kernel's table about the same socket.
    static func isThisMachine(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}
