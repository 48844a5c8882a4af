import NIOCore

/// A connection to one café: the channel and the reader on it, and the customer it is serving, if any.
///
/// In the café: the door a customer came in by; with keep-alive, the next customer may use it again.
/// Owned by the engine's event loop.
final class CafeConnection {
    let channel: Channel
    let reader: ResponseReader
    let target: Int
    var customer: Customer?
    var closed = false
    var idle = false

    init(channel: Channel, reader: ResponseReader, target: Int) {
        self.channel = channel
        self.reader = reader
        self.target = target
    }
}
