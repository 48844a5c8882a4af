import CafeHTTP
import CafeModel

#if canImport(Glibc)
import Glibc
#endif

/// One barista of the sync café, the loop of gunicorn's `workers/sync.py`:
/// accept → read the order (reading) → brew (blocked) → hand over the cup → close → next customer.
struct SyncWorker {
    let cafe: SyncCafe
    let ticket: WorkerTicket

    func run() {
        // At closing time a barista keeps taking customers from the door, to answer them 503, until the grace ends.
        while !ticket.shouldLeave && !cafe.closingTime.graceIsOver {
            // A jammed door is shut for all baristas alike (see `DoorJam.pauseLeft`).
            if let pause = cafe.doorJam.pauseLeft {
                Brewing.sleepFor(min(pause, .milliseconds(100)))
                continue
            }
            // Look up every 100 ms even when nobody comes, to notice retirement or shutdown.
            guard PosixSocket.waitReadable(cafe.listenFD, milliseconds: 100) else { continue }
            // On Linux the accepted socket does not inherit O_NONBLOCK: the barista blocks on it.
            let fd = accept(cafe.listenFD, nil, nil)
            guard fd >= 0 else {
                // Out of descriptors the door stays readable: back off rather than spin. Otherwise another
                // barista was quicker (EAGAIN), or the café is shutting down.
                if let pause = cafe.doorJam.acceptFailed(errno: errno) { Brewing.sleepFor(pause) }
                continue
            }
            let acceptedAt = ContinuousClock.now
            update { slot, counters in
                slot.phase = .parsing
                // Reading the order: quick for most customers; a slow one keeps this barista here, serving
                // nobody else, until the head is complete or the header timeout (408) ends it.
                slot.state = .reading
                slot.since = acceptedAt
                slot.acceptedAt = acceptedAt
                slot.clientFD = fd
                counters.accepted += 1
            }
            serve(fd, acceptedAt: acceptedAt)
            // Let go of the number under the lock before closing it: the arbiter shuts a stuck customer's
            // socket down only under the same lock, so it can never reach the descriptor's next owner.
            update { slot, _ in
                slot = WorkerSlot(ticket: ticket, since: .now)
            }
            close(fd)
        }
    }

    private func serve(_ fd: Int32, acceptedAt: ContinuousClock.Instant) {
        switch readHead(fd, acceptedAt: acceptedAt) {
        case .none:
            return  // the client left before ordering
        case .refused(let status, let reason):
            respond(fd, Response.refusal(cafe: .sync, status: status, reason: reason), head: nil)
        case .head(let head):
            let customerId = head.customerId
            if cafe.closingTime.isClosing {
                let closed = Response.refusal(
                    cafe: .sync, status: .serviceUnavailable, reason: ClosingTime.newOrderReason,
                    customerId: customerId)
                respond(fd, closed, head: head)
                return
            }
            switch CafeRoute.route(head) {
            case .hello:
                respond(fd, Response.hello(cafe: .sync, description: description, host: cafe.configuration.host,
                                           port: cafe.port), head: head)
            case .refuse(let status, let reason):
                respond(fd, Response.refusal(cafe: .sync, status: status, reason: reason, customerId: customerId),
                        head: head)
            case .brew(let order):
                let started = ContinuousClock.now
                update { slot, _ in
                    slot.phase = order.kind == .io ? .blocked : .running
                    slot.state = order.kind == .io ? .blocked : .running
                    slot.customerId = customerId
                    slot.since = started
                    slot.brewMs = Double(order.milliseconds)
                }
                let closing = cafe.closingTime
                // At closing time a cup for a customer who has left is stopped: nobody would get it.
                let forNobody = { closing.isClosing && PosixSocket.peerHasLeft(fd) }
                let stop = { ticket.killed.load(ordering: .relaxed) || closing.graceIsOver || forNobody() }
                let brewed = switch order.kind {
                case .io:
                    Brewing.block(milliseconds: order.milliseconds, shouldStop: stop)
                case .cpu: Brewing.spin(milliseconds: order.milliseconds, shouldStop: stop)
                }
                guard !ticket.killed.load(ordering: .relaxed), brewed || !forNobody() else { return }
                guard brewed else {
                    let unfinished = Response.refusal(
                        cafe: .sync, status: .serviceUnavailable, reason: ClosingTime.unfinishedReason,
                        customerId: customerId)
                    respond(fd, unfinished, head: head)
                    return
                }
                let cup = Response.cup(
                    cafe: .sync, order: order, customerId: customerId,
                    queueMs: acceptedAt.duration(to: started).milliseconds,
                    brewMs: started.duration(to: .now).milliseconds)
                respond(fd, cup, head: head)
            }
        }
    }

    private var description: String {
        "\(cafe.targetWorkers) baristas; each stands by the machine until your cup is done (gunicorn sync workers)."
    }

    private enum ReadOutcome {
        case none
        case refused(HTTPStatus, reason: String)
        case head(RequestHead)
    }

    /// Reads until a complete head, a refusal, or `--header-timeout` (408) — whichever comes first.
    private func readHead(_ fd: Int32, acceptedAt: ContinuousClock.Instant) -> ReadOutcome {
        let deadline = acceptedAt.advanced(by: cafe.configuration.headerTimeout)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                return .refused(.requestTimeout, reason: "no complete request within \(cafe.configuration.headerTimeout)")
            }
            // Looked up every 100 ms: once closing time's grace is over, an order still arriving is let go.
            if cafe.closingTime.graceIsOver { return .none }
            let slice = min(remaining, .milliseconds(100))
            guard PosixSocket.waitReadable(fd, milliseconds: Int(slice.milliseconds.rounded(.up))) else { continue }
            if ticket.killed.load(ordering: .relaxed) { return .none }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .none }
            buffer += chunk[0..<count]
            switch RequestParser.parse(buffer) {
            case .needMore: continue
            case .failure(let status, let reason): return .refused(status, reason: reason)
            case .head(let head, _): return .head(head)
            }
        }
    }

    /// Hands over the cup, unless the customer has already walked out (then it is counted, not sent).
    private func respond(_ fd: Int32, _ response: Response, head: RequestHead?) {
        update { slot, _ in
            slot.phase = .writing
            slot.state = .running
        }
        if response.status == .ok && PosixSocket.peerHasLeft(fd) {
            update { _, counters in counters.servedAfterWalkOut += 1 }
            return
        }
        let bytes = response.serialized(keepAlive: false, headOnly: head?.method == "HEAD")
        if PosixSocket.writeAll(fd, bytes) {
            update { _, counters in counters.count(status: response.status.rawValue) }
            // A refused request may still be arriving; closing on unread bytes would reset the connection
            // and could destroy the answer before the client reads it (a lingering close, as nginx does).
            if response.status != .ok { PosixSocket.lingeringClose(fd) }
        } else if response.status == .ok {
            update { _, counters in counters.servedAfterWalkOut += 1 }
        }
    }

    /// Changes this worker's slot (if it still owns it) and the counters, under the board's lock.
    private func update(_ change: (inout WorkerSlot, inout ServerStats.Counters) -> Void) {
        cafe.board.withLock { board in
            guard var slot = board.slots[ticket.id], slot.ticket === ticket else {
                var unused = WorkerSlot(ticket: ticket, since: .now)
                change(&unused, &board.counters)
                return
            }
            change(&slot, &board.counters)
            board.slots[ticket.id] = slot
        }
    }
}
