import CafeHTTP
import NIOCore

/// The gate to the barista's counter on one connection, in the pipeline just ahead of `BrewHandler`: it lets one
/// order through at a time, and it times the customer's ordering. Neither is brewing, so the barista behind it
/// never has to think about them.
///
/// - One at a time (HTTP/1.1 pipelining). A client may send its next orders before the first is answered. They
///   wait here in arrival order and go through one by one, each once the answer before it has gone out — an
///   answer is one buffer written outbound, and it passes through this handler on its way to the socket. While
///   orders wait, reads from the socket pause (`read` is not passed on), so a client pipelining without end
///   cannot fill the café's memory: the kernel's buffers, then TCP's window, push back on it instead.
///   SwiftNIO's own `HTTPServerPipelineHandler` does the same for its HTTP server.
/// - The header clock (`--header-timeout`): the bound against slow customers. A customer must finish ordering (a
///   whole request head) within the timeout of arriving or of the last answer, or the barista is handed a 408
///   refusal to give; a kept-alive connection idle that long closes quietly, as uvicorn's keep-alive timeout
///   does. One timer per connection, re-wound when it rings early, rather than one per request.
final class OrderGate: ChannelDuplexHandler {
    typealias InboundIn = IncomingOrder
    typealias InboundOut = IncomingOrder
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum State {
        /// Nobody ordering: the next order's head is due by `deadline`. `keptAlive`: an answer went out before.
        case waiting(deadline: NIODeadline, keptAlive: Bool)
        /// An order's first bytes are in; its head is due by `deadline`.
        case ordering(deadline: NIODeadline)
        /// An order is with the barista: the next ones wait in `line` until its answer goes out.
        case serving
        /// The connection is closing: nothing more goes through.
        case closing
    }

    private(set) var state = State.waiting(deadline: .distantFuture, keptAlive: false)
    /// Orders (and the decoder's other news) that came while an order was served, in arrival order.
    private var line = CircularBuffer<IncomingOrder>()
    /// A read was asked for while orders waited in `line`; it is passed on once they have gone through.
    private var readHeld = false
    private var clock: Scheduled<Void>?
    private let headerTimeout: Duration
    private var context: ChannelHandlerContext?

    init(headerTimeout: Duration) {
        self.headerTimeout = headerTimeout
    }

    // MARK: - Connection life

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { opened(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        clock?.cancel()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        opened(context: context)
        context.fireChannelActive()
    }

    private func opened(context: ChannelHandlerContext) {
        guard clock == nil else { return }
        let deadline = context.eventLoop.now + TimeAmount(headerTimeout)
        state = .waiting(deadline: deadline, keptAlive: false)
        wind(at: deadline, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        clock?.cancel()
        line.removeAll()
        state = .closing
        context.fireChannelInactive()
    }

    // MARK: - One order at a time

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let incoming = unwrapInboundIn(data)
        switch state {
        case .closing:
            return
        case .serving:
            line.append(incoming)
        case .waiting, .ordering:
            if line.isEmpty { pass(incoming, context: context) } else { line.append(incoming) }
        }
    }

    private func pass(_ incoming: IncomingOrder, context: ChannelHandlerContext) {
        switch incoming {
        case .arriving:
            if case .waiting(let deadline, _) = state { state = .ordering(deadline: deadline) }
        case .order, .refused:
            state = .serving
        }
        context.fireChannelRead(wrapInboundOut(incoming))
    }

    func read(context: ChannelHandlerContext) {
        if line.isEmpty { context.read() } else { readHeld = true }
    }

    /// An answer on its way out: the order is served, the next is due within the header timeout, and the first
    /// in line may go through — on a fresh call, so a long pipeline never deepens the stack.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .closing = state {
        } else {
            state = .waiting(deadline: context.eventLoop.now + TimeAmount(headerTimeout), keptAlive: true)
        }
        context.write(data, promise: promise)
        guard !line.isEmpty else { return }
        context.eventLoop.assumeIsolated().execute { self.letNextThrough() }
    }

    private func letNextThrough() {
        guard let context else { return }
        while !line.isEmpty {
            switch state {
            case .waiting, .ordering: pass(line.removeFirst(), context: context)
            case .serving, .closing: return
            }
        }
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    /// The barista closes (after a last answer): what still waits is dropped, and reading resumes so the
    /// client's goodbye (end of file) is seen.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        state = .closing
        line.removeAll()
        context.close(mode: mode, promise: promise)
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    // MARK: - The header clock

    private func wind(at deadline: NIODeadline, context: ChannelHandlerContext) {
        clock = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.clockRang() }
    }

    private func clockRang() {
        guard let context else { return }
        let now = context.eventLoop.now
        switch state {
        case .closing:
            return
        case .serving:
            // Being served is not ordering slowly: a long brew never trips the clock.
            wind(at: now + TimeAmount(headerTimeout), context: context)
        case .waiting(let deadline, _), .ordering(let deadline):
            if now < deadline {
                wind(at: deadline, context: context)
            } else if case .waiting(_, keptAlive: true) = state {
                state = .closing  // kept alive and idle too long: close quietly
                context.close(promise: nil)
            } else {
                pass(.refused(.requestTimeout, reason: "no complete request within \(headerTimeout)"), context: context)
            }
        }
    }
}
