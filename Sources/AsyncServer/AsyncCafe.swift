import CSystemShims
import CafeHTTP
import CafeModel
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// The async café: an HTTP/1.1 server on SwiftNIO event loops — uvicorn's model.
///
/// One barista per event loop (`--loops`, like `gunicorn -k uvicorn.workers.UvicornWorker -w L`) serves
/// every customer it is handed. An I/O brew is a buzzer (`await`: a timer on the loop), a blocking call that
/// stalls the whole loop (`block`), or a job for a back-room helper thread (`offload`). `/stats` shows each
/// loop's state and lag, the buzzers out, the back room and the queue at the door.
public final class AsyncCafe: TelemetrySource {
    public let configuration: AsyncCafeConfiguration
    /// The café's real port (useful when 0 was asked for).
    public let port: Int
    public var adminPort: Int { admin.withLock { $0?.port ?? 0 } }

    private let group: MultiThreadedEventLoopGroup
    private let serverChannel: any Channel
    private let boards: [LoopBoard]
    private let floor: CafeFloor
    private let admin = Mutex<AdminServer?>(nil)
    private let startedAt = NIODeadline.now()
    /// The listening socket's descriptor while it is open (NIO closes it with the server channel), for `TCP_INFO`.
    private let door: Mutex<Int32?>
    private let stopping = Atomic<Bool>(false)
    /// The kernel's list of sockets at the door, for customers who left before being let in.
    private let doorTable: KernelSocketTable
    /// Accepts that fail for want of descriptors: the door shuts for a back-off instead of spinning.
    private let doorJam = DoorJam(log: { StderrLog.asyncCafe($0) })

    /// Opens the café: binds both ports and starts the loops. Throws `ServeError` when a port is taken or
    /// the host is not an address.
    public init(configuration: AsyncCafeConfiguration) throws(ServeError) {
        self.configuration = configuration
        let fd = try ListeningSocket.open(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let port = ListeningSocket.boundPort(fd)
        self.port = port
        doorTable = KernelSocketTable(port: port)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.loops)
        let loops = Array(group.makeIterator())
        let boards = loops.indices.map { LoopBoard(id: $0) }
        let racks = loops.map { BuzzerRack(loop: $0) }
        let floor = CafeFloor(configuration: configuration, port: port)
        do {
            let doorJam = doorJam
            serverChannel = try ServerBootstrap(group: group)
                .serverChannelInitializer { channel in
                    // Without it, EMFILE leaves the listening socket readable and the loop spins on accept4.
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            AcceptPauseHandler { error in
                                doorJam.acceptFailed(errno: error.errnoCode).map(BrewHandler.timeAmount)
                            })
                    }
                }
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let index = loops.firstIndex { $0 === channel.eventLoop } ?? 0
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RequestHeadDecoder()))
                        try channel.pipeline.syncOperations.addHandler(
                            BrewHandler(floor: floor, board: boards[index], buzzers: racks[index]))
                    }
                }
                .withBoundSocket(fd).wait()
        } catch {
            close(fd)
            try? group.syncShutdownGracefully()
            floor.room.shutdown()
            throw .system(call: "listen", errno: (error as? IOError)?.errnoCode ?? EINVAL)
        }
        ListeningSocket.relisten(fd, backlog: configuration.backlog)
        self.group = group
        self.boards = boards
        self.floor = floor
        door = Mutex(fd)
        for (loop, board) in zip(loops, boards) { LoopLagProbe.start(on: loop, board: board) }
        do {
            let server = try AdminServer(
                host: configuration.adminHost, port: configuration.adminPort, token: configuration.adminToken,
                source: self)
            admin.withLock { $0 = server }
        } catch {
            shutdown()
            throw .adminPortInUse(configuration.adminPort)
        }
    }

    // MARK: - Shutdown

    /// Stops taking customers, lets brews in progress finish (up to the grace period), and closes the café.
    public func shutdown() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        // Stop reading TCP_INFO before NIO closes (and the kernel may reuse) the descriptor.
        door.withLock { $0 = nil }
        try? serverChannel.close().wait()
        let deadline = NIODeadline.now() + BrewHandler.timeAmount(configuration.shutdownGrace)
        while NIODeadline.now() < deadline, boards.contains(where: { $0.inProgressCount > 0 }) {
            Brewing.sleepFor(.milliseconds(5))
        }
        admin.withLock { $0?.shutdown() }
        // The back room before the loops: its cancelled line and its last cups report back to their loops
        // (a promise each), which must still be running to hear them.
        floor.room.shutdown()
        try? group.syncShutdownGracefully()
    }

    // MARK: - Live changes

    public var handler: HandlerMode {
        get { floor.handler }
        set { floor.handler = newValue }
    }

    public var offloadThreads: Int { floor.room.helpers }

    public func setOffloadThreads(_ count: Int) {
        floor.room.setHelpers(min(max(count, 1), CafeLimits.offloadThreads.upperBound))
    }

    // MARK: - Telemetry

    public func stats() -> ServerStats {
        let acceptQueue: ServerStats.AcceptQueue? = door.withLock { fd in
            guard let fd else { return nil }
            var length: UInt32 = 0, maximum: UInt32 = 0
            guard shim_listen_queue(fd, &length, &maximum) == 0 else { return nil }
            return ServerStats.AcceptQueue(
                length: Int(length), maximum: Int(maximum), gone: doorTable.gone(queued: Int(length)))
        }
        let now = NIODeadline.now()
        var loops: [ServerStats.LoopStats] = []
        var inProgress: [ServerStats.RequestInProgress] = []
        var counters = ServerStats.Counters()
        var phaseCounts = PhaseCounts()
        for board in boards {
            let snapshot = board.snapshot(now: now)
            loops.append(snapshot.loop)
            inProgress += snapshot.inProgress
            phaseCounts.add(snapshot.phases)
            counters.add(snapshot.counters)
        }
        inProgress.sort { $0.ageMs > $1.ageMs }
        let room = floor.room.counts
        let config = ServerStats.Configuration(
            host: configuration.host, port: port, backlog: configuration.backlog,
            headerTimeoutMs: configuration.headerTimeout.milliseconds, loops: configuration.loops,
            handler: floor.handler, offloadThreads: room.helpers, limitConcurrency: floor.limitConcurrency)
        return ServerStats(
            cafe: .async, pid: ProcessUsage.pid, uptimeMs: BrewHandler.milliseconds(now - startedAt),
            cpuSeconds: ProcessUsage.cpuSeconds(), config: config, acceptQueue: acceptQueue, loops: loops,
            offload: ServerStats.OffloadStats(threads: room.helpers, busy: room.busy, waiting: room.waiting),
            inProgress: Array(inProgress.prefix(ServerStats.inProgressLimit)), inProgressCount: inProgress.count,
            phaseCounts: phaseCounts, acceptPausedReason: doorJam.pausedReason, acceptErrors: doorJam.acceptErrors,
            counters: counters)
    }

    public var cafe: CafeKind { .async }

    public func control(_ request: ControlRequest) -> String {
        if let mode = request.handler { handler = mode }
        if let threads = request.offloadThreads { setOffloadThreads(threads) }
        if let limit = request.limitConcurrency { floor.limitConcurrency = limit > 0 ? limit : nil }
        if request.reset {
            for board in boards { board.resetCounters() }
        }
        return "async café: " + request.summary
    }
}

extension ServerStats.Counters {
    /// Adds another loop's totals to these.
    mutating func add(_ other: ServerStats.Counters) {
        accepted += other.accepted
        completed += other.completed
        status2xx += other.status2xx
        status3xx += other.status3xx
        status4xx += other.status4xx
        add4xxCodes(of: other)
        status5xx += other.status5xx
        rejected += other.rejected
        timedOutWorkers += other.timedOutWorkers
        servedAfterWalkOut += other.servedAfterWalkOut
    }
}
