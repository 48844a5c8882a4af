import CafeHTTP
import CafeModel
import NIOCore

/// The async barista at one connection: order in → await | block | offload → cup out, then the next order on
/// the same connection (keep-alive).
///
/// How an event loop serves a connection — SwiftNIO's classic style, as in the `NIOHTTP1Server` example's
/// `HTTPHandler`:
/// - One loop thread serves every connection it accepted. NIO calls the methods below on that thread, one call at
///   a time, when something happens: bytes came (`channelRead`), the connection opened or closed
///   (`channelActive`, `channelInactive`), a timer rang or a promise was fulfilled. So no locks are needed here —
///   and no method may wait, because while it runs no other customer on the loop is served. Except in `block`
///   mode, which is the point of the lesson: then the whole loop, every customer on it, stands still.
/// - A connection's pipeline: `RequestHeadDecoder` (bytes → `IncomingOrder`) → `OrderGate` (one order at a
///   time; the `--header-timeout` clock) → this handler. Answers go back the other way as bytes.
/// - Where the connection stands is one value, `BrewStateMachine`; this class does what its transitions allow.
final class BrewHandler: ChannelInboundHandler {
    typealias InboundIn = IncomingOrder
    typealias OutboundOut = ByteBuffer
    typealias Ticket = BrewStateMachine.Ticket

    private var machine = BrewStateMachine()
    private let floor: CafeFloor
    private let board: LoopBoard
    /// This loop's buzzers: one timer for every brew that ends in the same millisecond.
    private let buzzers: BuzzerRack
    /// While the handler is in a pipeline: how a buzzer or a helper's promise, firing later, reaches the channel.
    private var context: ChannelHandlerContext?

    init(floor: CafeFloor, board: LoopBoard, buzzers: BuzzerRack) {
        self.floor = floor
        self.board = board
        self.buzzers = buzzers
    }

    // MARK: - Connection life

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { board.accepted() }
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        board.accepted()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        board.connectionClosed()
        // Left before finishing the order: no cup, nothing to count.
        if let abandoned = machine.connectionClosed() { board.forget(abandoned) }
        // At closing time a cup for a customer who has left is for nobody: the café does not wait for it.
        // Otherwise a cup still brewing is finished when it is ready (`cupReady` sees the customer has left).
        if floor.closingTime.isClosing { leftAtClosingTime() }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    // MARK: - Order in

    /// The decoder's news, let through by the gate one order at a time: so nothing arrives while a cup brews.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard machine.takesOrders else { return }  // closing: later bytes are ignored
        switch unwrapInboundIn(data) {
        case .arriving:
            let now = NIODeadline.now()
            machine.orderArriving(at: now) { board.begin(phase: .parsing, customerId: nil, since: now) }
        case .refused(let status, let reason):
            refuse(status, reason: reason, customerId: nil, headOnly: false, context: context)
        case .order(let head):
            take(head, context: context)
        }
    }

    /// A whole order: refused (closing time, the concurrency limit, a wrong page), answered at once (`GET /`),
    /// or brewed.
    private func take(_ head: RequestHead, context: ChannelHandlerContext) {
        let customerId = head.customerId
        let headOnly = head.method == "HEAD"
        if floor.closingTime.isClosing {
            refuse(
                .serviceUnavailable, reason: ClosingTime.newOrderReason, customerId: customerId, headOnly: headOnly,
                context: context)
            return
        }
        let route = CafeRoute.route(head)
        // A brew claims its place and checks the limit in one step; what brews nothing only looks.
        let admitted = if case .brew = route { floor.tryEnter() } else { !floor.isFull }
        guard admitted else {
            let limit = floor.limitConcurrency ?? 0
            refuse(
                .serviceUnavailable, reason: "the café is at its limit of \(limit) customers in progress; try again",
                customerId: customerId, headOnly: headOnly, context: context)
            return
        }
        switch route {
        case .hello:
            board.finish(machine.reading?.request, status: HTTPStatus.ok.rawValue)
            write(floor.helloPage(keepAlive: head.wantsKeepAlive, headOnly: headOnly), context: context)
            answered(keepAlive: head.wantsKeepAlive, context: context)
        case .refuse(let status, let reason):
            refuse(status, reason: reason, customerId: customerId, headOnly: headOnly, context: context)
        case .brew(let order):
            brew(order, for: head, context: context)
        }
    }

    // MARK: - Await | block | offload

    /// Starts the brew the handler mode asks for. Its place on the floor was claimed by `take` (`tryEnter`).
    private func brew(_ order: Order, for head: RequestHead, context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        let brew = BrewStateMachine.Brew(order.kind, in: floor.handler)
        let reading = machine.reading
        let request: Int
        if let reading {
            request = reading.request
            board.update(request, phase: brew.phase, customerId: head.customerId)
        } else {
            request = board.begin(phase: brew.phase, customerId: head.customerId, since: now)
        }
        let ticket = Ticket(
            request: request, order: order, brew: brew, customerId: head.customerId, keepAlive: head.wantsKeepAlive,
            headOnly: head.method == "HEAD", receivedAt: reading?.since ?? now, brewStartedAt: now)
        machine.brewStarted(ticket)
        switch brew {
        case .awaiting:
            // The buzzer: a timer on this loop (shared with the brews ending in the same millisecond). This call
            // returns at once, and the loop goes back to its other customers.
            buzzers.ring(self, after: order.milliseconds)
        case .blockingLoop:
            // The classic mistake (`time.sleep` in `async def`): this thread — the whole loop — sleeps.
            board.mark(.blocked)
            Brewing.block(milliseconds: order.milliseconds)
            board.mark(.idle)
            cupReady(loopWasStuck: true)
        case .running:
            // CPU work on the loop: no handler mode can make spinning wait for free.
            board.mark(.running)
            Brewing.spin(milliseconds: order.milliseconds)
            board.mark(.idle)
            cupReady(loopWasStuck: true)
        case .waitingForHelper:
            offload(ticket, context: context)
        }
    }

    /// The back room: a helper thread does the blocking part; the loop hears back through a promise, whose
    /// callback NIO runs on this connection's loop — so `cupReady` runs there, like every other method here.
    private func offload(_ ticket: Ticket, context: ChannelHandlerContext) {
        let brewed = context.eventLoop.makePromise(of: Bool.self)
        let board = board, request = ticket.request, kind = ticket.order.kind, milliseconds = ticket.order.milliseconds
        floor.room.submit { cancelled in
            // On the helper thread: only the board (a lock) and the promise are touched here.
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

    /// The buzzer of an awaited brew rang: its cup is ready.
    func buzzerRang() { cupReady() }

    // MARK: - Cup out

    /// The cup is done: hand it over, or count it as brewed for nobody if the customer walked out.
    ///
    /// `loopWasStuck`: the brew held the loop thread, so the loop could not read the customer's goodbye
    /// (end of file) while it brewed; the kernel is asked instead.
    private func cupReady(loopWasStuck: Bool = false) {
        guard let ticket = machine.brewing else { return }
        floor.leave()
        guard let context, context.channel.isActive, !(loopWasStuck && TCPState.customerHasLeft(context.channel))
        else { return brewedForNobody() }
        let now = NIODeadline.now()
        let cup = Response.cup(
            cafe: .async, order: ticket.order, customerId: ticket.customerId,
            queueMs: Duration(ticket.brewStartedAt - ticket.receivedAt).milliseconds,
            brewMs: Duration(now - ticket.brewStartedAt).milliseconds)
        board.finish(ticket.request, status: HTTPStatus.ok.rawValue)
        // At closing time the last cup on a connection says so (`Connection: close`), as uvicorn does.
        let keepAlive = ticket.keepAlive && !floor.closingTime.isClosing
        let bytes = cup.serialized(keepAlive: keepAlive, headOnly: ticket.headOnly)
        write(context.channel.allocator.buffer(bytes: bytes), context: context)
        answered(keepAlive: keepAlive, context: context)
    }

    /// The customer left while the cup brewed: `/stats` counts it as served after walk-out.
    private func brewedForNobody() {
        guard let ticket = machine.walkedOut() else { return }
        board.finish(ticket.request, status: nil)
    }

    /// Closing time: a cup still brewing for a customer who has already left ends now, unanswered.
    func leftAtClosingTime() {
        guard machine.brewing != nil, !(context?.channel.isActive ?? false) else { return }
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
        guard let ticket = machine.brewing else { return }
        floor.leave()
        guard let context, context.channel.isActive else { return brewedForNobody() }
        refuse(
            .serviceUnavailable, reason: reason, customerId: ticket.customerId, headOnly: ticket.headOnly,
            context: context)
    }

    // MARK: - Answers

    private func write(_ answer: ByteBuffer, context: ChannelHandlerContext) {
        // One answer, one buffer: the gate in front reads a write as "this order is answered".
        context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
    }

    /// After an answer: wait for the next order on this connection (the gate lets it through), or close it.
    private func answered(keepAlive: Bool, context: ChannelHandlerContext) {
        machine.answered(keepAlive: keepAlive)
        if !keepAlive { closeAfterLastAnswer(context: context) }
    }

    /// Refuses an order (4xx, or 503 at the concurrency limit or at closing time) and closes the connection, as
    /// the sync café does. The order in progress, if any (being read or brewed), ends with this status.
    private func refuse(
        _ status: HTTPStatus, reason: String, customerId: String?, headOnly: Bool, context: ChannelHandlerContext
    ) {
        board.finish(machine.refused(), status: status.rawValue, rejected: status == .serviceUnavailable)
        let response = Response.refusal(cafe: .async, status: status, reason: reason, customerId: customerId)
        let bytes = response.serialized(keepAlive: false, headOnly: headOnly)
        write(context.channel.allocator.buffer(bytes: bytes), context: context)
        closeAfterLastAnswer(context: context)
    }

    /// Closes our side once the answer is out, then waits (briefly) for the client to close its side.
    /// Closing at once could reset the connection while unread request bytes sit in the kernel, and a reset
    /// can destroy the answer before the client reads it.
    private func closeAfterLastAnswer(context: ChannelHandlerContext) {
        let channel = context.channel
        let closed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: closed)
        closed.futureResult.assumeIsolated().whenFailure { _ in channel.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
    }
}
