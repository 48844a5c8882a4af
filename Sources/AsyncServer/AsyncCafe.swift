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
/// One barista per event loop (`--loops`, like `gunicorn -k uvicorn_worker.UvicornWorker -w L`) serves
/// every customer it took in: each loop accepts from the door by itself while it is free (`LoopDoors`). An I/O
/// brew is a buzzer (`await`: a timer on the loop), a blocking call that stalls the whole loop (`block`), or a job
/// for a back-room helper thread (`offload`). `/stats` shows each
/// loop's state and lag, the buzzers out, the back room and the queue at the door.
public final class AsyncCafe: TelemetrySource {
    public let configuration: AsyncCafeConfiguration
    /// The café's real port (useful when 0 was asked for).
    public let port: Int
    public var adminPort: Int { admin.port }

    private let group: MultiThreadedEventLoopGroup
    /// The door the loops take customers in from, each by itself (one socket, or one per loop).
    private let doors: LoopDoors
    private let boards: [LoopBoard]
    private let racks: [BuzzerRack]
    private let floor: CafeFloor
    private let admin = AdminDoor()
    private let startedAt = NIODeadline.now()
    private let stopping = Atomic<Bool>(false)
    /// The kernel's list of sockets at the door, for customers who left before being let in.
    private let doorTable: KernelSocketTable
    /// Accepts that fail for want of descriptors: the door shuts for a back-off instead of spinning.
    private let doorJam = DoorJam(log: { StderrLog.asyncCafe($0) })

    /// Opens the café: binds both ports and starts the loops. Throws `ServeError` when a port is taken or
    /// the host is not an address.
    public init(configuration: AsyncCafeConfiguration) throws(ServeError) {
        self.configuration = configuration
        let sockets: [Int32]
        if configuration.door == .reuseport {
            sockets = try ListeningSocket.openGroup(
                host: configuration.host, port: configuration.port, backlog: configuration.backlog,
                count: configuration.loops)
        } else {
            sockets = [
                try ListeningSocket.open(
                    host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            ]
        }
        let port = ListeningSocket.boundPort(sockets[0])
        self.port = port
        doorTable = KernelSocketTable(port: port, address: .of(listening: sockets[0]))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.loops)
        let loops = Array(group.makeIterator())
        let boards = loops.indices.map { LoopBoard(id: $0) }
        let racks = loops.map { BuzzerRack(loop: $0) }
        let floor = CafeFloor(configuration: configuration, port: port)
        // A customer a loop took in stays on that loop, as a connection stays with the uvicorn worker that accepted
        // it. (A bootstrap per customer: NIO's bootstraps may not cross threads, and this runs on the loop.)
        doors = LoopDoors(
            sockets: sockets, loops: loops, backlog: configuration.backlog, doorJam: doorJam,
            welcome: { socket, index in
                _ = ClientBootstrap(group: loops[index])
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RequestHeadDecoder()))
                            try channel.pipeline.syncOperations.addHandler(
                                OrderGate(headerTimeout: configuration.headerTimeout))
                            try channel.pipeline.syncOperations.addHandler(
                                BrewHandler(floor: floor, board: boards[index], buzzers: racks[index]))
                        }
                    }
                    .withConnectedSocket(socket)
            })
        self.group = group
        self.boards = boards
        self.racks = racks
        self.floor = floor
        for (loop, board) in zip(loops, boards) { LoopLagProbe.start(on: loop, board: board) }
        do throws(ServeError) {
            try admin.open(configuration.doors, for: self, reserve: doorJam.reserve)
        } catch {
            closeCafe(announced: false)
            throw error
        }
    }

    // MARK: - Shutdown

    /// Closes the café as uvicorn does on SIGTERM: says so in one line, stops accepting, answers every new order
    /// 503 with `Connection: close`, lets the cups in progress finish within the grace (`--graceful-timeout`),
    /// answers the buzzers still out after it 503, and closes.
    public func shutdown() { closeCafe(announced: true) }

    /// `announced`: false when the café never opened (its admin port was taken), so there is no closing to tell.
    private func closeCafe(announced: Bool) {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        let closing = floor.closingTime
        closing.begin(
            grace: configuration.shutdownGrace, cupsInProgress: floor.cupsInProgress,
            log: announced ? StderrLog.asyncCafe : nil)
        doors.close()
        for rack in racks { rack.closingTimeBegan() }
        let clock = ContinuousClock()
        let deadline = closing.deadline ?? clock.now
        while clock.now < deadline, floor.cupsInProgress > 0 { Brewing.sleepFor(.milliseconds(5)) }
        let unfinished = floor.cupsInProgress
        closing.endGrace()
        if unfinished > 0 {
            for rack in racks { rack.lastCall() }
            let answered = clock.now.advanced(by: .milliseconds(200))
            while clock.now < answered, floor.cupsInProgress > 0 { Brewing.sleepFor(.milliseconds(5)) }
            StderrLog.asyncCafe(ClosingTime.closedLine(unfinished: unfinished))
        }
        admin.close()
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
        // One door per loop (reuseport): each loop's queue is its own; the café's door is all of them together.
        let queues = doors.queues()
        let acceptQueue = queues.map { queues in
            ServerStats.AcceptQueue(
                length: queues.reduce(0) { $0 + $1.length }, maximum: queues.reduce(0) { $0 + $1.maximum },
                gone: doorTable.gone(queued: queues.reduce(0) { $0 + $1.length }))
        }
        let now = NIODeadline.now()
        var loops: [ServerStats.LoopStats] = []
        var inProgress: [ServerStats.RequestInProgress] = []
        var counters = ServerStats.Counters()
        var phaseCounts = PhaseCounts()
        for board in boards {
            var snapshot = board.snapshot(now: now)
            if let queues, queues.count > 1, board.id < queues.count {
                snapshot.loop.doorQueue = queues[board.id].length
            }
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
            handler: floor.handler, offloadThreads: room.helpers, limitConcurrency: floor.limitConcurrency,
            door: configuration.door)
        var stats = ServerStats(
            cafe: .async, pid: ProcessUsage.pid, uptimeMs: Duration(now - startedAt).milliseconds,
            cpuSeconds: ProcessUsage.cpuSeconds(), config: config, acceptQueue: acceptQueue, loops: loops,
            offload: ServerStats.OffloadStats(threads: room.helpers, busy: room.busy, waiting: room.waiting),
            inProgress: Array(inProgress.prefix(ServerStats.inProgressLimit)), inProgressCount: inProgress.count,
            phaseCounts: phaseCounts, acceptPausedReason: doorJam.pausedReason, acceptErrors: doorJam.acceptErrors,
            counters: counters)
        stats.closing = floor.closingTime.stats
        return stats
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
