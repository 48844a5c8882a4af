import CafeHTTP
import CafeModel

#if canImport(Glibc)
import Glibc
#endif

/// One barista of the sync café: a worker thread running the loop of gunicorn's `workers/sync.py`.
///
///     accept → handle (read the order, brew it standing by the machine) → respond → close → accept …
///
/// One customer at a time, start to finish: while this thread reads a slow order or sleeps through an I/O brew,
/// it serves nobody else; the next customers wait in the kernel's accept queue. Every step is written on the
/// board (`note`), so `/stats` shows what this thread is doing now.
struct SyncWorker {
    let cafe: SyncCafe
    let ticket: WorkerTicket

    /// How long a barista with no customer waits in `poll()` before looking up to see whether the arbiter
    /// retired it or the café is closing (gunicorn's worker wakes from `select()` for the same reason).
    static let lookUpInterval: Duration = .milliseconds(100)
    /// How many bytes of an order one `recv()` takes at most.
    static let readChunkBytes = 4096

    /// A customer let in: its socket, and when `accept()` returned it.
    private struct Client {
        let fd: Int32
        let acceptedAt: ContinuousClock.Instant
    }

    /// gunicorn's `run_for_one`: take a customer, serve them, let go, again — until retired, killed or closed.
    func run() {
        // At closing time a barista keeps taking customers from the door, to answer them 503, until the grace ends.
        while !ticket.shouldLeave && !cafe.closingTime.graceIsOver {
            guard let client = acceptCustomer() else { continue }
            handle(client)
            // Let go of the number on the board before closing it: the arbiter shuts a stuck customer's socket
            // down only under the board's lock, so it can never reach the descriptor's next owner.
            note(.free)
            close(client.fd)
        }
    }

    /// Waits at the door up to `lookUpInterval` and lets the next customer in; nil when nobody came.
    private func acceptCustomer() -> Client? {
        // A jammed door is shut for all baristas alike (see `DoorJam.pauseLeft`).
        if let pause = cafe.doorJam.pauseLeft {
            Brewing.sleepFor(min(pause, Self.lookUpInterval))
            return nil
        }
        let lookUp = Int(Self.lookUpInterval.milliseconds)
        guard PosixSocket.waitReadable(cafe.listenFD, milliseconds: lookUp) else { return nil }
        // On Linux the accepted socket does not inherit O_NONBLOCK: the barista blocks on it.
        let fd = accept(cafe.listenFD, nil, nil)
        guard fd >= 0 else {
            // Out of descriptors the door stays readable: back off rather than spin. Otherwise another
            // barista was quicker (EAGAIN), or the café is shutting down.
            if let pause = cafe.doorJam.acceptFailed(errno: errno) { Brewing.sleepFor(pause) }
            return nil
        }
        let client = Client(fd: fd, acceptedAt: .now)
        // Reading the order: quick for most customers; a slow one keeps this barista here, serving nobody
        // else, until the head is complete or the header timeout (408) ends it.
        note(.accepted(client: fd, at: client.acceptedAt))
        return client
    }

    /// gunicorn's `handle`: read the request head, then answer it — or refuse it, or drop a customer who left.
    private func handle(_ client: Client) {
        switch readHead(client) {
        case .none:
            return  // the client left before ordering (or the barista was killed, or the grace ran out)
        case .refused(let status, let reason):
            respond(client, Response.refusal(cafe: .sync, status: status, reason: reason), head: nil)
        case .head(let head):
            handleRequest(head, from: client)
        }
    }

    /// gunicorn's `handle_request`: the order routed, brewed and answered.
    private func handleRequest(_ head: RequestHead, from client: Client) {
        let customerId = head.customerId
        if cafe.closingTime.isClosing {
            let closed = Response.refusal(
                cafe: .sync, status: .serviceUnavailable, reason: ClosingTime.newOrderReason, customerId: customerId)
            respond(client, closed, head: head)
            return
        }
        switch CafeRoute.route(head) {
        case .hello:
            let hello = Response.hello(
                cafe: .sync, description: description, host: cafe.configuration.host, port: cafe.port)
            respond(client, hello, head: head)
        case .refuse(let status, let reason):
            respond(
                client, Response.refusal(cafe: .sync, status: status, reason: reason, customerId: customerId),
                head: head)
        case .brew(let order):
            brew(order, for: head, from: client)
        }
    }

    /// The brew itself: the thread sleeps by the machine (I/O) or spins a core (CPU), then hands over the cup.
    private func brew(_ order: Order, for head: RequestHead, from client: Client) {
        let customerId = head.customerId
        let started = ContinuousClock.now
        note(.brewing(order, for: customerId, at: started))
        let closing = cafe.closingTime
        // At closing time a cup for a customer who has left is stopped: nobody would get it.
        let forNobody = { closing.isClosing && PosixSocket.peerHasLeft(client.fd) }
        let stop = { ticket.killed.load(ordering: .relaxed) || closing.graceIsOver || forNobody() }
        let brewed =
            switch order.kind {
            case .io: Brewing.block(milliseconds: order.milliseconds, shouldStop: stop)
            case .cpu: Brewing.spin(milliseconds: order.milliseconds, shouldStop: stop)
            }
        // Killed by the arbiter: its customer is already cut off. A cup stopped for nobody: nobody to tell.
        guard !ticket.killed.load(ordering: .relaxed), brewed || !forNobody() else { return }
        guard brewed else {
            cafe.closingTime.cupCutShort()
            let unfinished = Response.refusal(
                cafe: .sync, status: .serviceUnavailable, reason: ClosingTime.unfinishedReason, customerId: customerId)
            respond(client, unfinished, head: head)
            return
        }
        let cup = Response.cup(
            cafe: .sync, order: order, customerId: customerId,
            queueMs: client.acceptedAt.duration(to: started).milliseconds,
            brewMs: started.duration(to: .now).milliseconds)
        respond(client, cup, head: head)
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
    private func readHead(_ client: Client) -> ReadOutcome {
        let headerTimeout = cafe.configuration.headerTimeout
        let deadline = client.acceptedAt.advanced(by: headerTimeout)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: Self.readChunkBytes)
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                return .refused(.requestTimeout, reason: "no complete request within \(headerTimeout)")
            }
            // Looked up every 100 ms: once closing time's grace is over, an order still arriving is let go.
            if cafe.closingTime.graceIsOver { return .none }
            let slice = min(remaining, Self.lookUpInterval)
            let sliceMs = Int(slice.milliseconds.rounded(.up))
            guard PosixSocket.waitReadable(client.fd, milliseconds: sliceMs) else { continue }
            if ticket.killed.load(ordering: .relaxed) { return .none }
            let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
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

    /// Hands over the answer, unless a cup's customer has already walked out (then it is counted, not sent).
    private func respond(_ client: Client, _ response: Response, head: RequestHead?) {
        note(.writing)
        if response.status == .ok && PosixSocket.peerHasLeft(client.fd) {
            note(.brewedForNobody)
            return
        }
        let bytes = response.serialized(keepAlive: false, headOnly: head?.method == "HEAD")
        if PosixSocket.writeAll(client.fd, bytes) {
            note(.handedOver(response.status))
            // A refused request may still be arriving; closing on unread bytes would reset the connection
            // and could destroy the answer before the client reads it (a lingering close, as nginx does).
            if response.status != .ok { PosixSocket.lingeringClose(client.fd) }
        } else if response.status == .ok {
            note(.brewedForNobody)
        }
    }

    /// Writes one step on the board, under its lock (see `SyncCafe.Board.note`).
    private func note(_ transition: SyncCafe.Board.Transition) {
        cafe.board.withLock { $0.note(transition, by: ticket) }
    }
}
