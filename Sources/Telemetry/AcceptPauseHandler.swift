import NIOCore

/// The door's back-off on a SwiftNIO listening channel: when an accept fails for want of descriptors, the
/// door stops being watched for a while, then opens again.
///
/// Why not NIO's `AcceptBackoffHandler`: after a failed accept NIO keeps the listening socket registered for
/// reading (its read stays pending until an accept succeeds), so holding back `read()` does not stop the
/// event loop from waking for it again at once — the 100 % CPU spin of EMFILE. Turning `autoRead` off
/// unregisters the socket from the loop's epoll set; turning it on after the pause registers it again.
public final class AcceptPauseHandler: ChannelInboundHandler {
    public typealias InboundIn = any Channel
    public typealias InboundOut = any Channel

    /// How long to pause after this accept error; nil: not a jam, accept again at once.
    private let pause: (IOError) -> TimeAmount?
    private var reopening: Scheduled<Void>?

    public init(pause: @escaping (IOError) -> TimeAmount?) { self.pause = pause }

    public func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let ioError = error as? IOError, let amount = pause(ioError) else {
            context.fireErrorCaught(error)
            return
        }
        guard reopening == nil, let options = context.channel.syncOptions else { return }
        try? options.setOption(.autoRead, value: false)
        let channel = context.channel
        reopening = context.eventLoop.assumeIsolated().scheduleTask(in: amount) {
            self.reopening = nil
            try? channel.syncOptions?.setOption(.autoRead, value: true)
        }
    }

    public func channelInactive(context: ChannelHandlerContext) {
        reopening?.cancel()
        reopening = nil
        context.fireChannelInactive()
    }
}
