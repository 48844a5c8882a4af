import CafeHTTP
import CafeModel
import NIOCore

/// The async barista at one connection: takes each order, brews it the way the handler mode says, hands
/// over the cup, and waits for the next order on the same connection (keep-alive).
///
/// Written in SwiftNIO's classic style (the `NIOHTTP1Server` example): every method runs on the
/// connection's event loop, one call at a time, and the connection's whole story is the `State` enum below.
/// The loop thread is shared by every connection on it, so a method here must return quickly — except in
/// `block` mode, which is the point of the lesson: then the whole loop, every customer on it, stands still.
///
/// Pipelined orders are served one after another, never interleaved: orders that arrive while a cup is
/// brewing wait in `pending`, and reads from the socket pause until they are served.
final class BrewHandler: ChannelDuplexHandler {
    typealias InboundIn = IncomingOrder
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Where this connection is in its life.
    enum State {
        /// No bytes of the next order yet: a fresh connection, or kept alive after a cup.
        case waitingForOrder
        /// Some bytes of an order arrived, not the whole head (phase `parsing` on the board).
        case readingOrder(request: Int, since: NIODeadline)
        /// A cup is being brewed: awaiting a timer, blocking the loop, spinning, or with a helper.
        case brewing(Ticket)
        /// The last answer is written; the connection closes. Later bytes are ignored.
        case closing
    }

    /// One order being brewed.
    struct Ticket {
        var request: Int
        var order: Order
        var customerId: String?
        var keepAlive: Bool
        var headOnly: Bool
        /// When the order started arriving, and when the brew began: `Server-Timing` queue and brew times.
        var receivedAt: NIODeadline
        var brewStartedAt: NIODeadline
    }

    private let floor: CafeFloor
    private let board: LoopBoard
    private var state = State.waitingForOrder
    /// Orders (and refusals) that arrived while a cup was brewing, served in arrival order.
    private var pending = CircularBuffer<IncomingOrder>()
    /// A read was asked for while orders were pending; it is passed on once they are served.
    private var readHeld = false
    /// The next order's head must be complete by then (`--header-timeout`), on the loop's clock.
    private var orderDeadline = NIODeadline.uptimeNanoseconds(0)
    private var servedAny = false
    private var headerClock: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    /// This loop's buzzers: one timer for every brew that ends in the same millisecond.
    private let buzzers: BuzzerRack

    init(floor: CafeFloor, board: LoopBoard, buzzers: BuzzerRack) {
        self.floor = floor
        self.board = board
        self.buzzers = buzzers
    }

    // MARK: - Connection life

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { connectionOpened(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        connectionOpened(context: context)
        context.fireChannelActive()
    }

    private func connectionOpened(context: ChannelHandlerContext) {
        guard headerClock == nil else { return }
        board.accepted()
        orderDeadline = context.eventLoop.now + Self.timeAmount(floor.configuration.headerTimeout)
        windHeaderClock(context: context, at: orderDeadline)
    }

    func channelInactive(context: ChannelHandlerContext) {
        board.connectionClosed()
        headerClock?.cancel()
        headerClock = nil
        pending.removeAll()
        if case .readingOrder(let request, _) = state {
            board.forget(request)  // left before finishing the order: no cup, nothing to count
            state = .closing
        }
        // At closing time a cup for a customer who has left is for nobody: the café does not wait for it.
        if floor.closingTime.isClosing { leftAtClosingTime() }
        // A cup still brewing is finished when it is ready (`cupReady` sees the customer has left).
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    // MARK: - Orders in

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let incoming = unwrapInboundIn(data)
        switch state {
        case .closing:
            return
        case .brewing:
            pending.append(incoming)
        case .waitingForOrder, .readingOrder:
            if pending.isEmpty {
                take(incoming, context: context)
            } else {
                pending.append(incoming)
            }
        }
    }

    /// Holds the socket's reads while orders are pending, so a client pipelining without end cannot fill
    /// the café's memory: the kernel's buffers (and then TCP) push back on it instead.
    func read(context: ChannelHandlerContext) {
        if pending.isEmpty {
            context.read()
        } else {
            readHeld = true
        }
    }

    private func take(_ incoming: IncomingOrder, context: ChannelHandlerContext) {
        switch incoming {
        case .arriving:
            guard case .waitingForOrder = state else { return }
            let now = NIODeadline.now()
            state = .readingOrder(request: board.begin(phase: .parsing, customerId: nil, since: now), since: now)
        case .refused(let status, let reason):
            if case .readingOrder(let request, _) = state { board.forget(request) }
            refuse(status, reason: reason, customerId: nil, headOnly: false, context: context)
        case .order(let head):
            serve(head, context: context)
        }
    }

    private func serve(_ head: RequestHead, context: ChannelHandlerContext) {
        var parsing: (request: Int, since: NIODeadline)?
        if case .readingOrder(let request, let since) = state { parsing = (request, since) }
        let customerId = head.customerId
        let headOnly = head.method == "HEAD"
        if floor.closingTime.isClosing {
            if let parsing { board.forget(parsing.request) }
            refuse(.serviceUnavailable, reason: ClosingTime.newOrderReason, customerId: customerId, headOnly: headOnly,
                   context: context)
            return
        }
        let route = CafeRoute.route(head)
        // A brew claims its place and checks the limit in one step; what brews nothing only looks.
        let admitted = if case .brew = route { floor.tryEnter() } else { !floor.isFull }
        if !admitted {
            if let parsing { board.forget(parsing.request) }
            let limit = floor.limitConcurrency ?? 0
            refuse(
                .serviceUnavailable, reason: "the café is at its limit of \(limit) customers in progress; try again",
                customerId: customerId, headOnly: headOnly, context: context)
            return
        }
        switch route {
        case .hello:
            if let parsing { board.forget(parsing.request) }
            board.finish(nil, status: HTTPStatus.ok.rawValue)
            context.writeAndFlush(wrapOutboundOut(floor.helloPage(keepAlive: head.wantsKeepAlive, headOnly: headOnly)),
                                  promise: nil)
            answered(keepAlive: head.wantsKeepAlive, context: context)
        case .refuse(let status, let reason):
            if let parsing { board.forget(parsing.request) }
            refuse(status, reason: reason, customerId: customerId, headOnly: headOnly, context: context)
        case .brew(let order):
            let now = NIODeadline.now()
            let phase = Self.phase(order.kind, floor.handler)
            let request: Int
            if let parsing {
                request = parsing.request
                board.update(request, phase: phase, customerId: customerId)
            } else {
                request = board.begin(phase: phase, customerId: customerId, since: now)
            }
            let ticket = Ticket(
                request: request, order: order, customerId: customerId, keepAlive: head.wantsKeepAlive,
                headOnly: headOnly, receivedAt: parsing?.since ?? now, brewStartedAt: now)
            brew(ticket, phase: phase, context: context)
        }
    }

    /// Where a brew starts: the phase `/stats` shows for this order in this handler mode.
    static func phase(_ kind: BrewKind, _ mode: HandlerMode) -> RequestPhase {
        switch (kind, mode) {
        case (_, .offload): return .waitingForHelper
        case (.io, .await): return .awaiting
        case (.io, .block): return .blockingLoop
        case (.cpu, _): return .running
        }
    }

    // MARK: - Brewing

    private func brew(_ ticket: Ticket, phase: RequestPhase, context: ChannelHandlerContext) {
        state = .brewing(ticket)  // its place on the floor was claimed by `serve` (`tryEnter`)
        let milliseconds = ticket.order.milliseconds
        switch phase {
        case .awaiting:
            // The buzzer: a timer on this loop (shared with the brews ending in the same millisecond). The loop
            // goes back to other customers at once.
            buzzers.ring(self, after: milliseconds)
        case .blockingLoop:
            // The classic mistake (`time.sleep` in `async def`): this thread — the whole loop — sleeps.
            board.mark(.blocked)
            Brewing.block(milliseconds: milliseconds)
            board.mark(.idle)
            cupReady(loopWasStuck: true)
        case .running:
            // CPU work on the loop: no handler mode can make spinning wait for free.
            board.mark(.running)
            Brewing.spin(milliseconds: milliseconds)
            board.mark(.idle)
            cupReady(loopWasStuck: true)
        default:
            // The back room: a helper thread does the blocking part; the loop hears back through a promise.
            let brewed = context.eventLoop.makePromise(of: Bool.self)
            let board = board, request = ticket.request, kind = ticket.order.kind
            floor.room.submit { cancelled in
                if !cancelled {
                    board.update(request, phase: kind == .io ? .blocked : .running)
                    switch kind {
                    case .io: Brewing.block(milliseconds: milliseconds)
                    case .cpu: Brewing.spin(milliseconds: milliseconds)
                    }
                }
                brewed.succeed(!cancelled)
            }
            brewed.futureResult.assumeIsolated().whenSuccess { wasBrewed in
                if wasBrewed { self.cupReady() } else { self.closedBeforeBrewing() }
            }
        }
    }

    /// The buzzer of an awaited brew rang: its cup is ready.
    func buzzerRang() { cupReady() }

    /// The cup is done: hand it over, or count it as brewed for nobody if the customer walked out.
    ///
    /// `loopWasStuck`: the brew held the loop thread, so the loop could not read the customer's goodbye
    /// (end of file) while it brewed; the kernel is asked instead.
    private func cupReady(loopWasStuck: Bool = false) {
        guard case .brewing(let ticket) = state else { return }
        floor.leave()
        guard let context, context.channel.isActive, !(loopWasStuck && Self.peerHasLeft(context.channel)) else {
            board.finish(ticket.request, status: nil)
            state = .closing
            return
        }
        let now = NIODeadline.now()
        let cup = Response.cup(
            cafe: .async, order: ticket.order, customerId: ticket.customerId,
            queueMs: Self.milliseconds(ticket.brewStartedAt - ticket.receivedAt),
            brewMs: Self.milliseconds(now - ticket.brewStartedAt))
        board.finish(ticket.request, status: HTTPStatus.ok.rawValue)
        // At closing time the last cup on a connection says so (`Connection: close`), as uvicorn does.
        let keepAlive = ticket.keepAlive && !floor.closingTime.isClosing
        let bytes = cup.serialized(keepAlive: keepAlive, headOnly: ticket.headOnly)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        answered(keepAlive: keepAlive, context: context)
    }

    /// Closing time: a cup still brewing for a customer who has already left ends now, unanswered.
    func leftAtClosingTime() {
        guard case .brewing = state, !(context?.channel.isActive ?? false) else { return }
        graceRanOut()
    }

    /// Closing time's grace ran out while this customer held a buzzer: 503 rather than an empty end of file.
    func graceRanOut() { refuseUnbrewed(reason: ClosingTime.unfinishedReason) }

    /// The café shut down while the order still waited in the back room's line: nothing was brewed, so the
    /// customer hears 503 (as from a server going away), not a cup that was never made.
    private func closedBeforeBrewing() {
        refuseUnbrewed(reason: "the café closed before a helper took this order; nothing was brewed")
    }

    /// A brewing order that will get no cup: 503 with `reason` to a customer still there, nothing to one who left.
    private func refuseUnbrewed(reason: String) {
        guard case .brewing(let ticket) = state else { return }
        floor.leave()
        guard let context, context.channel.isActive else {
            board.finish(ticket.request, status: nil)
            state = .closing
            return
        }
        refuse(
            .serviceUnavailable, reason: reason, request: ticket.request, customerId: ticket.customerId,
            headOnly: ticket.headOnly, context: context)
    }

    /// True when the kernel says the client has closed its side (or the connection is gone): the customer
    /// walked out. Called on the channel's loop, where NIO answers socket options at once.
    static func peerHasLeft(_ channel: any Channel) -> Bool {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return false }
        var left = false
        provider.getTCPInfo().assumeIsolated().whenSuccess { info in
            // CLOSE_WAIT: the customer said goodbye; CLOSE: the connection was reset.
            left = info.tcpi_state == 8 || info.tcpi_state == 7
        }
        return left
        #else
        return false
        #endif
    }

    // MARK: - Answers out

    /// After an answer: wait for the next order on this connection, or close it.
    private func answered(keepAlive: Bool, context: ChannelHandlerContext) {
        servedAny = true
        guard keepAlive else {
            closeAfterLastAnswer(context: context)
            return
        }
        state = .waitingForOrder
        orderDeadline = context.eventLoop.now + Self.timeAmount(floor.configuration.headerTimeout)
        guard !pending.isEmpty else { return }
        // Serve the next pipelined order on a fresh call, so a long pipeline never deepens the stack.
        context.eventLoop.assumeIsolated().execute { self.servePending() }
    }

    private func servePending() {
        guard let context else { return }
        while !pending.isEmpty {
            switch state {
            case .waitingForOrder, .readingOrder:
                take(pending.removeFirst(), context: context)
            case .brewing, .closing:
                return
            }
        }
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    /// Refuses an order (4xx, or 503 at the concurrency limit or at closing time) and closes the connection, as
    /// the sync café does. `request`: the board's entry of an order already in progress, if any.
    private func refuse(
        _ status: HTTPStatus, reason: String, request: Int? = nil, customerId: String?, headOnly: Bool,
        context: ChannelHandlerContext
    ) {
        board.finish(request, status: status.rawValue, rejected: status == .serviceUnavailable)
        let response = Response.refusal(cafe: .async, status: status, reason: reason, customerId: customerId)
        let bytes = response.serialized(keepAlive: false, headOnly: headOnly)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        closeAfterLastAnswer(context: context)
    }

    /// Closes our side once the answer is out, then waits (briefly) for the client to close its side.
    /// Closing at once could reset the connection while unread request bytes sit in the kernel, and a reset
    /// can destroy the answer before the client reads it.
    private func closeAfterLastAnswer(context: ChannelHandlerContext) {
        state = .closing
        pending.removeAll()
        let channel = context.channel
        let closed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: closed)
        closed.futureResult.assumeIsolated().whenFailure { _ in channel.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    // MARK: - The header clock (--header-timeout)

    private func windHeaderClock(context: ChannelHandlerContext, at deadline: NIODeadline) {
        headerClock = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.headerClockRang()
        }
    }

    /// One timer per connection, re-wound as needed, rather than one per request: cheaper for keep-alive.
    private func headerClockRang() {
        guard let context else { return }
        switch state {
        case .closing:
            return
        case .brewing:
            let headerTimeout = Self.timeAmount(floor.configuration.headerTimeout)
            windHeaderClock(context: context, at: context.eventLoop.now + headerTimeout)
        case .waitingForOrder, .readingOrder:
            guard context.eventLoop.now >= orderDeadline else {
                windHeaderClock(context: context, at: orderDeadline)
                return
            }
            if case .readingOrder(let request, _) = state { board.forget(request) }
            if case .waitingForOrder = state, servedAny {
                // Kept alive and idle too long: close quietly, as uvicorn's keep-alive timeout does.
                state = .closing
                context.close(promise: nil)
            } else {
                refuse(.requestTimeout, reason: "no complete request within \(floor.configuration.headerTimeout)",
                       customerId: nil, headOnly: false, context: context)
            }
        }
    }

    // MARK: - Units

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func milliseconds(_ amount: TimeAmount) -> Double { Double(amount.nanoseconds) / 1_000_000 }
}
