import CafeHTTP
import NIOCore
import NIOEmbedded
import Testing

@testable import AsyncServer

/// Stands behind the gate in place of the barista: writes down what reaches it.
private final class Barista: ChannelInboundHandler {
    typealias InboundIn = IncomingOrder
    var seen: [String] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .arriving: seen.append("arriving")
        case .order(let head): seen.append(head.target)
        case .refused(let status, _): seen.append("\(status.rawValue)")
        }
    }
}

/// Stands at the socket's end of the pipeline: counts the reads that reach it.
private final class Socket: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    var reads = 0

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}

/// The gate on an `EmbeddedChannel`, between the decoder and a barista that only writes down what it is handed.
private struct Gate {
    let channel = EmbeddedChannel()
    let barista = Barista()
    let socket = Socket()

    init(headerTimeout: Duration = .seconds(10)) throws {
        try channel.pipeline.syncOperations.addHandler(socket)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RequestHeadDecoder()))
        try channel.pipeline.syncOperations.addHandler(OrderGate(headerTimeout: headerTimeout))
        try channel.pipeline.syncOperations.addHandler(barista)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
    }

    func send(_ text: String) throws { try channel.writeInbound(channel.allocator.buffer(string: text)) }

    /// The barista's answer to the order it was handed, on its way out through the gate.
    func answer() { channel.writeAndFlush(channel.allocator.buffer(string: "HTTP/1.1 200 OK\r\n\r\n"), promise: nil) }

    /// Everything that got past the gate toward the socket, as text.
    func written() throws -> String {
        var text = ""
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            text += buffer.readString(length: buffer.readableBytes) ?? ""
        }
        return text
    }

    func advance(_ amount: TimeAmount) { channel.embeddedEventLoop.advanceTime(by: amount) }
}

@Suite("The gate ahead of the barista: one order at a time, and the header clock (EmbeddedChannel)")
struct OrderGateTests {
    @Test("an order goes through; the next waits for the answer, then goes through on the loop's next turn")
    func oneOrderAtATime() throws {
        let gate = try Gate()
        try gate.send(order("/one") + order("/two") + order("/three"))
        #expect(gate.barista.seen == ["/one"])
        gate.answer()
        #expect(try gate.written().hasPrefix("HTTP/1.1 200 OK"), "the answer itself passes at once")
        #expect(gate.barista.seen == ["/one"], "the next order goes through on a fresh call, not inside the write")
        gate.channel.embeddedEventLoop.run()
        #expect(gate.barista.seen == ["/one", "/two"])
        gate.answer()
        gate.channel.embeddedEventLoop.run()
        #expect(gate.barista.seen == ["/one", "/two", "/three"])
    }

    @Test("while orders wait, reads from the socket pause; they resume once the line has gone through")
    func backPressure() throws {
        let gate = try Gate()
        try gate.send(order("/one"))
        let before = gate.socket.reads
        gate.channel.read()
        #expect(gate.socket.reads == before + 1, "one order with the barista, none waiting: reading goes on")
        try gate.send(order("/two"))
        gate.channel.read()
        gate.channel.read()
        #expect(gate.socket.reads == before + 1, "an order waits: the reads are held")
        gate.answer()
        gate.channel.embeddedEventLoop.run()
        #expect(gate.barista.seen == ["/one", "/two"])
        #expect(gate.socket.reads == before + 2, "the line is through: the held read is passed on, once")
    }

    @Test("a head not complete within the header timeout: the barista is handed a 408 refusal to give")
    func slowOrder() throws {
        let gate = try Gate(headerTimeout: .seconds(1))
        try gate.send("GET / HTTP/1.1\r\nHo")
        #expect(gate.barista.seen == ["arriving"])
        gate.advance(.milliseconds(999))
        #expect(gate.barista.seen == ["arriving"])
        gate.advance(.milliseconds(1))
        #expect(gate.barista.seen == ["arriving", "408"])
    }

    @Test("a fresh connection that sends nothing within the header timeout gets a 408 too")
    func silentCustomer() throws {
        let gate = try Gate(headerTimeout: .seconds(1))
        gate.advance(.seconds(1))
        #expect(gate.barista.seen == ["408"])
    }

    @Test("after an answer the clock starts again: a kept-alive connection idle that long closes, no refusal")
    func idleKeepAlive() throws {
        let gate = try Gate(headerTimeout: .seconds(1))
        gate.advance(.milliseconds(800))
        try gate.send(order("/"))
        gate.answer()
        gate.advance(.milliseconds(900))
        #expect(gate.channel.isActive, "the deadline counts from the answer, not from the connection's start")
        gate.advance(.milliseconds(100))
        #expect(!gate.channel.isActive)
        #expect(gate.barista.seen == ["/"])
    }

    @Test("an order being served never trips the clock, however long it takes")
    func servingIsNotOrdering() throws {
        let gate = try Gate(headerTimeout: .seconds(1))
        try gate.send(order("/brew?ms=5000"))
        gate.advance(.seconds(5))
        #expect(gate.channel.isActive)
        #expect(gate.barista.seen == ["/brew?ms=5000"])
        gate.answer()
        gate.advance(.milliseconds(999))
        #expect(gate.channel.isActive)
    }

    @Test("a close drops the orders still waiting and resumes reading, so the client's goodbye is seen")
    func closeDropsTheLine() throws {
        let gate = try Gate()
        try gate.send(order("/one") + order("/two"))
        let before = gate.socket.reads
        gate.channel.read()
        #expect(gate.socket.reads == before)
        gate.answer()
        gate.channel.close(mode: .output, promise: nil)
        #expect(gate.socket.reads == before + 1)
        gate.channel.embeddedEventLoop.run()
        #expect(gate.barista.seen == ["/one"], "the order waiting behind the last answer is dropped")
    }
}
