import CafeModel
import NIOCore
import NIOEmbedded

@testable import AsyncServer

/// One connection of the async café on an `EmbeddedChannel`, with the café's pipeline (decoder, gate, barista):
/// bytes in, bytes out, time moved by hand.
final class Counter {
    let channel = EmbeddedChannel()
    let board = LoopBoard(id: 0)
    let floor: CafeFloor
    let buzzers: BuzzerRack

    private let ownsFloor: Bool

    init(
        handler: HandlerMode = .await, headerTimeout: Duration = .seconds(10), limit: Int? = nil,
        sharing other: Counter? = nil
    ) throws {
        var configuration = AsyncCafeConfiguration()
        configuration.handler = handler
        configuration.headerTimeout = headerTimeout
        configuration.limitConcurrency = limit
        configuration.offloadThreads = 1
        floor = other?.floor ?? CafeFloor(configuration: configuration, port: 8002)
        ownsFloor = other == nil
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RequestHeadDecoder()))
        try channel.pipeline.syncOperations.addHandler(OrderGate(headerTimeout: headerTimeout))
        buzzers = BuzzerRack(loop: channel.eventLoop)
        try channel.pipeline.syncOperations.addHandler(BrewHandler(floor: floor, board: board, buzzers: buzzers))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
    }

    deinit { if ownsFloor { floor.room.shutdown() } }

    func send(_ text: String) throws {
        try channel.writeInbound(channel.allocator.buffer(string: text))
    }

    /// Everything written so far, as text.
    func written() throws -> String {
        var text = ""
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            text += buffer.readString(length: buffer.readableBytes) ?? ""
        }
        return text
    }

    func advance(_ amount: TimeAmount) { channel.embeddedEventLoop.advanceTime(by: amount) }

    var stats: LoopBoard.Snapshot { board.snapshot(now: .now()) }
}

func order(_ path: String, _ extra: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: cafe\r\n\(extra)\r\n"
}
