import CafeModel
import NIOCore

/// One customer's visit to one café, from the door to the cup (or walking out), and the doors themselves.
///
/// On the load generator: one HTTP/1.1 exchange per customer on a connection from the pool (new, kept alive,
/// or waited for under a connection limit), and how each exchange ended.
extension LoadEngine {
    func begin(_ customer: Customer) {
        visits.append(customer)
        inFlightCount += 1
        let side = sides[customer.target]
        side.customersInFlight += 1
        customer.kind = orderedKind(side)
        count(customer, in: side, by: 1)
        if plan.keepAlive, let connection = takeIdle(side) {
            setPhase(customer, .sent, initial: true)
            send(customer, on: connection)
        } else if let limit = plan.connections, side.open >= limit {
            setPhase(customer, .waiting, initial: true)
            side.waiting.append(customer)
        } else {
            setPhase(customer, .connecting, initial: true)
            connect(customer)
        }
    }

    func takeIdle(_ side: Side) -> CafeConnection? {
        while let connection = side.idle.popLast() {
            connection.idle = false
            if !connection.closed && connection.channel.isActive { return connection }
        }
        return nil
    }

    func connect(_ customer: Customer) {
        let side = sides[customer.target]
        side.open += 1
        bootstrap.connect(to: side.address).assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let channel):
                let reader = ResponseReader()
                let connection = CafeConnection(channel: channel, reader: reader, target: customer.target)
                do {
                    try channel.pipeline.syncOperations.addHandler(reader)
                } catch {
                    channel.close(promise: nil)
                }
                reader.onEvent = { [self, unowned connection] event in answer(event, on: connection) }
                channel.closeFuture.assumeIsolated().whenComplete { [self] _ in closed(connection) }
                if customer.finished {
                    // Walked out (or cut off) while the connection was being opened.
                    release(connection)
                } else {
                    send(customer, on: connection)
                }
            case .failure(let error):
                side.open -= 1
                if let shortage = NotSentReason(shortage: error) {
                    finish(customer, outcome: .notSent(shortage))
                } else {
                    finish(customer, outcome: .failed(VisitFailure(error)))
                }
                serveWaiters(customer.target)
            }
        }
    }

    func send(_ customer: Customer, on connection: CafeConnection) {
        let side = sides[customer.target]
        connection.customer = customer
        customer.connection = connection
        connection.reader.expectResponse()
        // It orders what the plan says now (the request bytes are the current plan's).
        let kind = orderedKind(side)
        if kind != customer.kind {
            count(customer, in: side, by: -1)
            customer.kind = kind
            count(customer, in: side, by: 1)
        }
        let now = NIODeadline.now()
        customer.sentAt = now
        side.recorder.sent(slowly: customer.slow)
        let idText = String(customer.id)
        var buffer = connection.channel.allocator.buffer(
            capacity: side.requestPrefix.count + idText.utf8.count + side.requestSuffix.count)
        buffer.writeBytes(side.requestPrefix)
        buffer.writeString(idText)
        buffer.writeBytes(side.requestSuffix)
        guard customer.slow else {
            setPhase(customer, .sent)
            connection.channel.writeAndFlush(buffer, promise: nil)
            return
        }
        setPhase(customer, .sending)
        customer.pieces = LoadPlan.slowPieces(bytes: buffer.readableBytes, over: plan.slowFor)
        customer.piecesWritten = 0
        customer.unsent = buffer
        writePiece(of: customer, on: connection, startedAt: now, over: TimeAmount(plan.slowFor))
    }

    /// A slow customer writes the next few bytes of its order, then sets a timer for the piece after: the
    /// pieces are spread evenly from `startedAt` to `startedAt + over`, on this loop (no thread waits).
    /// Each piece is a slice of the one request buffer: nothing is copied or allocated per byte.
    func writePiece(of customer: Customer, on connection: CafeConnection, startedAt: NIODeadline, over: TimeAmount) {
        customer.pieceTimer = nil
        guard !customer.finished, customer.connection === connection, var unsent = customer.unsent else { return }
        let left = customer.pieces - customer.piecesWritten
        let length = left <= 1 ? unsent.readableBytes : unsent.readableBytes / left
        guard let piece = unsent.readSlice(length: length) else { return }
        customer.piecesWritten += 1
        connection.channel.writeAndFlush(piece, promise: nil)
        guard unsent.readableBytes > 0 else {
            customer.unsent = nil
            if customer.phase == .sending { setPhase(customer, .sent) }
            return
        }
        customer.unsent = unsent
        let gap = over.nanoseconds / Int64(max(customer.pieces - 1, 1))
        let next = startedAt + .nanoseconds(gap * Int64(customer.piecesWritten))
        customer.pieceTimer = loop.assumeIsolated().scheduleTask(deadline: next) { [self] in
            writePiece(of: customer, on: connection, startedAt: startedAt, over: over)
        }
    }

    /// A slow customer stops writing: answered early (a 408 or any refusal), walked out, or cut off.
    func stopWriting(_ customer: Customer) {
        customer.pieceTimer?.cancel()
        customer.pieceTimer = nil
        customer.unsent = nil
    }

    func answer(_ event: ResponseReader.Event, on connection: CafeConnection) {
        guard let customer = connection.customer else { return }
        switch event {
        case .firstByte:
            // The café may answer a slow customer before the whole order is in (a 408): it stops writing.
            if customer.phase == .sending { stopWriting(customer) }
            if customer.phase == .sent || customer.phase == .sending { setPhase(customer, .receiving) }
        case .complete(let status, let keepAlive):
            let orderIncomplete = customer.unsent != nil
            stopWriting(customer)
            connection.customer = nil
            customer.connection = nil
            finish(customer, outcome: .answered(status))
            // A connection with half an order on it cannot carry the next customer.
            if keepAlive && plan.keepAlive && state != .finished && !orderIncomplete {
                release(connection)
            } else {
                connection.channel.close(promise: nil)
            }
        case .failed(let failure):
            connection.customer = nil
            customer.connection = nil
            finish(customer, outcome: .failed(failure))
            connection.channel.close(promise: nil)
        }
    }

    /// A connection free again: to the next waiting customer, into the idle pool, or closed.
    func release(_ connection: CafeConnection) {
        let side = sides[connection.target]
        guard plan.keepAlive, state != .finished, connection.channel.isActive else {
            connection.channel.close(promise: nil)
            return
        }
        while let next = side.waiting.popFirst() {
            guard !next.finished else { continue }
            send(next, on: connection)
            return
        }
        connection.idle = true
        side.idle.append(connection)
    }

    func closed(_ connection: CafeConnection) {
        connection.closed = true
        let side = sides[connection.target]
        side.open -= 1
        if connection.idle {
            side.idle.removeAll { $0 === connection }
            connection.idle = false
        }
        if let customer = connection.customer {
            connection.customer = nil
            finish(customer, outcome: .failed(.closedEarly))
        }
        serveWaiters(connection.target)
    }

    /// Opens connections for customers waiting for one, as far as the connection limit allows.
    func serveWaiters(_ index: Int) {
        let side = sides[index]
        while !side.waiting.isEmpty, plan.connections.map({ side.open < $0 }) ?? true {
            let customer = side.waiting.removeFirst()
            guard !customer.finished else { continue }
            setPhase(customer, .connecting)
            connect(customer)
        }
    }

    enum Outcome {
        case answered(Int)
        case walkedOut
        case failed(VisitFailure)
        case notSent(NotSentReason)
        case cutOff
    }

    func finish(_ customer: Customer, outcome: Outcome) {
        guard !customer.finished else { return }
        customer.finished = true
        stopWriting(customer)
        inFlightCount -= 1
        let side = sides[customer.target]
        side.customersInFlight -= 1
        adjust(&side.inFlight, customer.phase, by: -1)
        count(customer, in: side, by: -1)
        let now = NIODeadline.now()
        let fromPlanned = Duration(now - customer.planned)
        let waited = fromPlanned.milliseconds
        side.recorder.visitEnded(atSeconds: Duration(now - startedAt).milliseconds / 1000)
        switch outcome {
        case .answered(let status):
            side.recorder.answered(
                status: status, fromPlanned: fromPlanned,
                fromSent: customer.sentAt.map { Duration(now - $0) })
            recent.finish(
                customer.id, target: customer.target, outcome: status < 400 ? .served : .refused,
                latencyMs: waited, waitedMs: waited, status: status)
        case .walkedOut:
            side.recorder.walkedOut(outside: customer.phase == .waiting || customer.phase == .connecting)
            recent.finish(customer.id, target: customer.target, outcome: .walkedOut, waitedMs: waited)
        case .failed(let failure):
            side.recorder.failed(failure)
            recent.finish(customer.id, target: customer.target, outcome: .failed, waitedMs: waited, failure: failure)
        case .notSent(let reason):
            side.recorder.notSent(reason)
            recent.finish(customer.id, target: customer.target, outcome: .notSent)
        case .cutOff:
            side.recorder.cutOff()
            recent.finish(customer.id, target: customer.target, outcome: .cutOff, waitedMs: waited)
        }
        if let connection = customer.connection {
            // Walked out or cut off mid-visit: the customer leaves, the connection with them.
            customer.connection = nil
            connection.customer = nil
            connection.channel.close(promise: nil)
        }
        if customer.closedLoop {
            side.looping -= 1
            if state == .running, case .closed(let customers, let think) = plan.arrivals, side.looping < customers {
                side.looping += 1
                let target = customer.target
                // Never re-order from inside this call: a café refusing at once would recurse without end.
                if think > .zero {
                    loop.assumeIsolated().scheduleTask(in: TimeAmount(think)) { [self] in reorder(target) }
                } else {
                    loop.assumeIsolated().execute { [self] in reorder(target) }
                }
            }
        }
        if state == .draining && inFlightCount == 0 { finishRun() }
    }

    func setPhase(_ customer: Customer, _ phase: Customer.Phase, initial: Bool = false) {
        let side = sides[customer.target]
        if !initial { adjust(&side.inFlight, customer.phase, by: -1) }
        customer.phase = phase
        adjust(&side.inFlight, phase, by: 1)
    }

    /// The brew a customer of this café orders under the current plan; nil when its URL has a path of its own.
    func orderedKind(_ side: Side) -> BrewKind? {
        side.target.path == nil ? plan.order.kind : nil
    }

    /// Counts a customer in (or out of) the in-flight tallies by brew kind and by plan generation.
    func count(_ customer: Customer, in side: Side, by delta: Int) {
        switch customer.kind {
        case .cpu: side.inFlight.cpu += delta
        case .io: side.inFlight.io += delta
        case nil: break
        }
        let left = side.inFlightByGeneration[customer.generation, default: 0] + delta
        side.inFlightByGeneration[customer.generation] = left == 0 ? nil : left
    }

    func adjust(_ inFlight: inout InFlight, _ phase: Customer.Phase, by delta: Int) {
        switch phase {
        case .waiting: inFlight.waiting += delta
        case .connecting: inFlight.connecting += delta
        case .sending: inFlight.sending += delta
        case .sent: inFlight.sent += delta
        case .receiving: inFlight.receiving += delta
        }
    }
}
