import CafeModel
import NIOCore
import NIOEmbedded
import Testing

@testable import AsyncServer

@Suite("The async barista at one connection (EmbeddedChannel)")
struct BrewHandlerTests {
    @Test("GET / is answered at once and the connection stays open for the next order")
    func helloKeepsAlive() throws {
        let counter = try Counter()
        try counter.send(order("/"))
        let answer = try counter.written()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.contains("Connection: keep-alive"))
        #expect(answer.contains("ASYNC café"))
        #expect(counter.channel.isActive)
        try counter.send(order("/"))
        #expect(try counter.written().hasPrefix("HTTP/1.1 200 OK"))
        #expect(counter.stats.counters.status2xx == 2)
    }

    @Test("Connection: close is honoured: the answer says so and the connection closes")
    func connectionClose() throws {
        let counter = try Counter()
        try counter.send(order("/", "Connection: close\r\n"))
        #expect(try counter.written().contains("Connection: close"))
        #expect(!counter.channel.isActive)
    }

    @Test("await: the customer holds a buzzer until the timer rings, then gets the cup")
    func awaitHoldsABuzzer() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=100&kind=io", "X-Customer-Id: c1\r\n"))
        #expect(try counter.written().isEmpty)
        #expect(counter.stats.loop.awaiting == 1)
        #expect(counter.stats.inProgress.first?.phase == .awaiting)
        #expect(counter.stats.inProgress.first?.customerId == "c1")
        counter.advance(.milliseconds(99))
        #expect(try counter.written().isEmpty)
        counter.advance(.milliseconds(1))
        let cup = try counter.written()
        #expect(cup.hasPrefix("HTTP/1.1 200 OK"))
        #expect(cup.contains("X-Customer-Id: c1"))
        #expect(cup.contains("Server-Timing: queue;dur="))
        #expect(counter.stats.loop.awaiting == 0)
        #expect(counter.stats.inProgress.isEmpty)
        #expect(counter.channel.isActive)
    }

    @Test("pipelined orders are served one after another, in order, never interleaved")
    func pipelining() throws {
        let counter = try Counter(handler: .await)
        try counter.send(
            order("/brew?ms=50", "X-Customer-Id: first\r\n") + order("/brew?ms=10", "X-Customer-Id: second\r\n"))
        #expect(counter.stats.inProgress.count == 1, "the second order waits for the first cup")
        counter.advance(.milliseconds(50))
        let first = try counter.written()
        #expect(first.contains("X-Customer-Id: first"))
        #expect(!first.contains("second"))
        counter.channel.embeddedEventLoop.run()
        counter.advance(.milliseconds(10))
        #expect(try counter.written().contains("X-Customer-Id: second"))
    }

    @Test("block: the brew happens inside the read, on the loop thread, so the cup is out when it returns")
    func blockStallsTheRead() throws {
        let counter = try Counter(handler: .block)
        let clock = ContinuousClock()
        let start = clock.now
        try counter.send(order("/brew?ms=30"))
        #expect(clock.now - start >= .milliseconds(30))
        #expect(try counter.written().hasPrefix("HTTP/1.1 200 OK"))
        #expect(counter.stats.loop.state == .idle)
    }

    @Test("bad input is refused with the parser's status and the connection closes")
    func refusalCloses() throws {
        let counter = try Counter()
        try counter.send("HELLO\r\n\r\n")
        let answer = try counter.written()
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request"))
        #expect(answer.contains("Connection: close"))
        #expect(!counter.channel.isActive)
        #expect(counter.stats.counters.status4xx == 1)
    }

    @Test("an unknown page is a 404 and, like every refusal, closes the connection")
    func notFound() throws {
        let counter = try Counter()
        try counter.send(order("/menu"))
        #expect(try counter.written().hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(!counter.channel.isActive)
    }

    @Test("a head still incomplete at --header-timeout gets 408; the order shows as parsing until then")
    func headerTimeout() throws {
        let counter = try Counter(headerTimeout: .seconds(1))
        try counter.send("GET / HTTP/1.1\r\nHost: ca")
        #expect(counter.stats.inProgress.first?.phase == .parsing)
        counter.advance(.milliseconds(999))
        #expect(try counter.written().isEmpty)
        counter.advance(.milliseconds(1))
        #expect(try counter.written().hasPrefix("HTTP/1.1 408 Request Timeout"))
        #expect(!counter.channel.isActive)
        #expect(counter.stats.inProgress.isEmpty)
    }

    @Test("a kept-alive connection idle past --header-timeout closes quietly")
    func idleKeepAliveCloses() throws {
        let counter = try Counter(headerTimeout: .seconds(1))
        try counter.send(order("/"))
        _ = try counter.written()
        counter.advance(.milliseconds(500))
        #expect(counter.channel.isActive)
        counter.advance(.milliseconds(600))
        #expect(try counter.written().isEmpty)
        #expect(!counter.channel.isActive)
    }

    @Test("a long brew does not trip the header clock")
    func brewOutlastsHeaderClock() throws {
        let counter = try Counter(handler: .await, headerTimeout: .seconds(1))
        try counter.send(order("/brew?ms=2500"))
        counter.advance(.milliseconds(2500))
        #expect(try counter.written().hasPrefix("HTTP/1.1 200 OK"))
        #expect(counter.channel.isActive)
    }

    @Test("a customer who walks out mid-brew is counted as served after walk-out, not answered")
    func walkOut() throws {
        let counter = try Counter(handler: .await)
        try counter.send(order("/brew?ms=100"))
        try counter.channel.close().wait()
        counter.advance(.milliseconds(100))
        #expect(counter.stats.counters.servedAfterWalkOut == 1)
        #expect(counter.stats.inProgress.isEmpty)
    }

    @Test("at --limit-concurrency the next order gets 503 at once and closes; a slot frees when a cup is done")
    func limitConcurrency() throws {
        let first = try Counter(handler: .await, limit: 1)
        let second = try Counter(sharing: first)
        try first.send(order("/brew?ms=100"))
        try second.send(order("/brew?ms=100"))
        #expect(try second.written().hasPrefix("HTTP/1.1 503 Service Unavailable"))
        #expect(!second.channel.isActive)
        #expect(second.stats.counters.rejected == 1)
        first.advance(.milliseconds(100))
        #expect(try first.written().hasPrefix("HTTP/1.1 200 OK"))
        let third = try Counter(sharing: first)
        try third.send(order("/"))
        #expect(try third.written().hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test("the decoder announces a half-arrived order once, then the head")
    func decoderEvents() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(RequestHeadDecoder()))
        try channel.writeInbound(channel.allocator.buffer(string: "GET / HT"))
        try channel.writeInbound(channel.allocator.buffer(string: "TP/1.1\r\nHo"))
        try channel.writeInbound(channel.allocator.buffer(string: "st: x\r\n\r\nGET /brew HTTP/1.1\r\nHost: x\r\n\r\n"))
        var events: [String] = []
        while let event = try channel.readInbound(as: IncomingOrder.self) {
            switch event {
            case .arriving: events.append("arriving")
            case .order(let head): events.append(head.target)
            case .refused(let status, _): events.append("\(status.rawValue)")
            }
        }
        #expect(events == ["arriving", "/", "/brew"])
        _ = try channel.finish()
    }
}
