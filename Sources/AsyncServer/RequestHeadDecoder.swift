import CafeHTTP
import NIOCore

/// Reads orders off the wire with the shared `RequestParser`, so the async café refuses bad input with
/// exactly the answers of the sync café. One decoder per connection; pipelined heads come out one by one.
///
/// After a refusal the connection is finished: every later byte is dropped unread.
struct RequestHeadDecoder: ByteToMessageDecoder {
    typealias InboundOut = IncomingOrder

    /// Whether `.arriving` was already sent for the head now being read.
    private var announced = false
    private var refused = false

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard !refused else {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        guard buffer.readableBytes > 0 else { return .needMoreData }
        switch RequestParser.parse(buffer.readableBytesView) {
        case .needMore:
            if !announced {
                announced = true
                context.fireChannelRead(wrapInboundOut(.arriving))
            }
            return .needMoreData
        case .head(let head, let consumed):
            buffer.moveReaderIndex(forwardBy: consumed)
            announced = false
            context.fireChannelRead(wrapInboundOut(.order(head)))
            return .continue
        case .failure(let status, let reason):
            refused = true
            buffer.moveReaderIndex(to: buffer.writerIndex)
            context.fireChannelRead(wrapInboundOut(.refused(status, reason: reason)))
            return .needMoreData
        }
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        // A half-sent head at the close is a customer who left before ordering: nothing to answer.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
