import CafeHTTP
import CafeModel
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

@testable import AsyncServer

#if canImport(Glibc)
import Glibc
#endif

/// The barista's transitions that `BrewHandlerTests` does not already walk through, each on an `EmbeddedChannel`
/// with the café's own pipeline.
@Suite("The async barista's transitions (EmbeddedChannel)", .onOwnThreads)
struct BrewHandlerTransitionTests {
    @Test("readingOrder → awaiting: an order that came in pieces keeps its one entry on the board")
    func readThenBrew() throws {
        let counter = try Counter(handler: .await)
        try counter.send("GET /brew?ms=100 HTTP/1.1\r\nHo")
        #expect(counter.stats.inProgress.map(\.phase) == [.parsing])
        try counter.send("st: cafe\r\nX-Customer-Id: c7\r\n\r\n")
        #expect(counter.stats.inProgress.map(\.phase) == [.awaiting])
        #expect(counter.stats.inProgress.first?.customerId == "c7")
        #expect(counter.stats.phases[.parsing] == 0)
        counter.advance(.milliseconds(100))
        #expect(try counter.written().contains("X-Customer-Id: c7"))
        #expect(counter.stats.inProgress.isEmpty)
    }

    @Test("running: a CPU brew spins on the loop even in await mode, so the cup is out when the read returns")
    func cpuBrewRunsOnTheLoop() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=20&kind=cpu"))
        #expect(try counter.written().hasPrefix("HTTP/1.1 200 OK"))
        #expect(counter.stats.loop.state == .idle)
        #expect(counter.floor.cupsInProgress == 0)
        #expect(counter.channel.isActive)
    }

    @Test("waitingForHelper → cup out: a helper thread brews, the loop hears back through a promise, the cup goes out")
    func helperBrews() async throws {
        // A real helper thread fulfils the promise, so this one runs on NIOAsyncTestingChannel, whose loop may be
        // called from other threads (an EmbeddedChannel's may not).
        var configuration = AsyncCafeConfiguration()
        configuration.handler = .offload
        configuration.offloadThreads = 1
        let floor = CafeFloor(configuration: configuration, port: 8002)
        defer { floor.room.shutdown() }
        let board = LoopBoard(id: 0)
        let channel = NIOAsyncTestingChannel()
        let loop = channel.testingEventLoop
        try await loop.executeInContext {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RequestHeadDecoder()))
            try channel.pipeline.syncOperations.addHandler(OrderGate(headerTimeout: .seconds(10)))
            try channel.pipeline.syncOperations.addHandler(
                BrewHandler(floor: floor, board: board, buzzers: BuzzerRack(loop: loop)))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9))
        // A brew long enough to be seen with its helper on a busy test machine.
        try await channel.writeInbound(
            channel.allocator.buffer(string: order("/brew?ms=1000", "X-Customer-Id: h1\r\n")))
        let phase = board.snapshot(now: .now()).inProgress.first?.phase
        #expect(phase == .waitingForHelper || phase == .blocked, "with the back room, not on the loop")
        var cup = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        let text = cup.readString(length: cup.readableBytes) ?? ""
        #expect(text.hasPrefix("HTTP/1.1 200 OK"))
        #expect(text.contains("X-Customer-Id: h1"))
        #expect(board.snapshot(now: .now()).inProgress.isEmpty)
        #expect(floor.cupsInProgress == 0)
        #expect(channel.isActive, "kept alive for the next order")
        _ = try await channel.finish(acceptAlreadyClosed: true)
    }

    @Test("waitingForHelper → closing: the back room closed before a helper took the order: 503, nothing brewed")
    func closedBeforeBrewing() throws {
        let counter = try Counter(handler: .offload)
        counter.floor.room.shutdown()
        try counter.send(order("/brew?ms=100", "X-Customer-Id: late\r\n"))
        counter.channel.embeddedEventLoop.run()
        let answer = try counter.written()
        #expect(answer.hasPrefix("HTTP/1.1 503 Service Unavailable"))
        #expect(answer.contains("nothing was brewed"))
        #expect(answer.contains("X-Customer-Id: late"))
        #expect(!counter.channel.isActive)
        #expect(counter.stats.counters.rejected == 1)
        #expect(counter.stats.inProgress.isEmpty)
        #expect(counter.floor.cupsInProgress == 0)
    }

    @Test("closing time: a new order is refused 503 with Connection: close")
    func closingTimeRefusesNewOrders() throws {
        let counter = try Counter()
        _ = counter.floor.closingTime.begin(grace: .seconds(5), cupsInProgress: 0, log: nil)
        try counter.send(order("/"))
        let answer = try counter.written()
        #expect(answer.hasPrefix("HTTP/1.1 503 Service Unavailable"))
        #expect(answer.contains("Connection: close"))
        #expect(answer.contains(ClosingTime.newOrderReason))
        #expect(!counter.channel.isActive)
    }

    @Test("closing time: a cup brewing when it began is still handed over, and says Connection: close")
    func closingTimeLastCup() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=100"))
        _ = counter.floor.closingTime.begin(grace: .seconds(5), cupsInProgress: 1, log: nil)
        counter.advance(.milliseconds(100))
        let cup = try counter.written()
        #expect(cup.hasPrefix("HTTP/1.1 200 OK"))
        #expect(cup.contains("Connection: close"))
        #expect(!counter.channel.isActive)
    }

    @Test("awaiting → closing: the grace ran out while the customer held a buzzer: 503, and no cup after")
    func graceRanOut() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=1000"))
        _ = counter.floor.closingTime.begin(grace: .milliseconds(10), cupsInProgress: 1, log: nil)
        counter.buzzers.lastCall()
        counter.channel.embeddedEventLoop.run()
        let answer = try counter.written()
        #expect(answer.hasPrefix("HTTP/1.1 503 Service Unavailable"))
        #expect(answer.contains(ClosingTime.unfinishedReason))
        #expect(counter.floor.cupsInProgress == 0)
        counter.advance(.milliseconds(1000))
        #expect(try counter.written().isEmpty)
        #expect(counter.stats.counters.status2xx == 0)
    }

    @Test("awaiting → closing: a buzzer holder who leaves at closing time is done at once, brewed for nobody")
    func leftAtClosingTime() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=1000"))
        _ = counter.floor.closingTime.begin(grace: .seconds(5), cupsInProgress: 1, log: nil)
        try counter.channel.close().wait()
        #expect(counter.floor.cupsInProgress == 0, "the café does not wait for a cup nobody will take")
        #expect(counter.stats.counters.servedAfterWalkOut == 1)
        #expect(counter.stats.inProgress.isEmpty)
    }

    @Test("readingOrder → closing: a customer who leaves mid-order leaves nothing on the board and no count")
    func leftMidOrder() throws {
        let counter = try Counter()
        try counter.send("GET / HTTP/1.1\r\n")
        #expect(counter.stats.inProgress.count == 1)
        try counter.channel.close().wait()
        #expect(counter.stats.inProgress.isEmpty)
        #expect(counter.stats.counters.completed == 0)
        #expect(counter.stats.loop.customers == 0)
        #expect(counter.stats.loop.accepted == 1)
    }

    #if os(Linux)
    @Test("the kernel's TCP states are named with the numbers of its own header")
    func tcpStatesMatchTheKernel() {
        #expect(TCPState.closeWait.rawValue == UInt8(TCP_CLOSE_WAIT))
        #expect(TCPState.close.rawValue == UInt8(TCP_CLOSE))
    }
    #endif
}
