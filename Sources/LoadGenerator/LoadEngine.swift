import CafeModel
import Histogram
import NIOCore
import NIOPosix

/// The street and the door: plans customers by the timetable and sends each one to every café at the same
/// planned instant, then follows every visit to its end.
///
/// On the load generator: all mutable state of a run, owned by one event loop (every method runs on it).
/// Arrivals are fired by timers set to the planned instants; a customer the loop starts late keeps its
/// planned instant, so the lateness counts in its latency instead of vanishing (no coordinated omission).
final class LoadEngine {
    /// Per café: its address, connections and tally.
    final class Side {
        let target: LoadTarget
        let address: SocketAddress
        var recorder = Recorder()
        var inFlight = InFlight()
        /// Customers in flight by the plan generation they were planned under.
        var inFlightByGeneration: [Int: Int] = [:]
        /// Connections open or being opened.
        var open = 0
        var idle: [CafeConnection] = []
        var waiting = CircularBuffer<Customer>()
        /// Closed-loop customers currently in the loop.
        var looping = 0
        var requestPrefix: [UInt8] = []
        var requestSuffix: [UInt8] = []

        init(target: LoadTarget, address: SocketAddress) {
            self.target = target
            self.address = address
            recorder.totals = TargetSnapshot(label: target.label, url: target.origin)
        }
    }

    let loop: EventLoop
    private(set) var plan: LoadPlan
    let sides: [Side]
    private let publish: (LoadSnapshot) -> Void
    private let finished: EventLoopPromise<Void>
    private let bootstrap: ClientBootstrap

    private var state = LoadRunState.ready
    private var startedAt = NIODeadline.now()
    private var endAt: NIODeadline?
    private var schedule: ArrivalSchedule
    private var scheduleOrigin = NIODeadline.now()
    private var nextPlanned: NIODeadline?
    private var lastPlanned: NIODeadline?
    private var arrivalTimer: Scheduled<Void>?
    private var sweepTimer: Scheduled<Void>?
    private var sweeps = 0
    private var nextCustomerId = 1
    private var customersPlanned = 0
    private var inFlightCount = 0
    /// Visits in order of their planned instant, for the walk-out sweep; finished ones are dropped lazily.
    private var visits = CircularBuffer<Customer>(initialCapacity: 1024)
    private var lag = Recorder.makeHistogram(digits: .three)
    /// The lag's percentiles, recomputed only when a customer was added (a paused door adds none).
    private var lagSummary: (count: UInt64, summary: LatencySummary)?
    private var lagSnapshotsSinceSummary = 0
    private var recent: RecentCustomers
    /// One more for each `update(plan:)` that changed the plan.
    private var generation = 0
    /// When arrivals ended (the door closed); what is served after it is the tail.
    private var arrivalsEndedAt: NIODeadline?

    /// How often walk-outs are checked and snapshots published.
    static let sweepInterval = TimeAmount.milliseconds(10)
    static let publishEverySweeps = 5

    init(loop: EventLoop, sides: [Side], plan: LoadPlan, publish: @escaping (LoadSnapshot) -> Void,
         finished: EventLoopPromise<Void>) {
        self.loop = loop
        self.sides = sides
        self.plan = plan
        self.publish = publish
        self.finished = finished
        schedule = ArrivalSchedule(plan.arrivals)
        recent = RecentCustomers(targets: sides.count)
        bootstrap = ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
        buildRequests()
    }

    // MARK: - Control

    func start() {
        guard state == .ready else { return }
        state = .running
        startedAt = .now()
        endAt = plan.duration.map { startedAt + TimeAmount($0) }
        armSweep()
        beginArrivals(origin: startedAt)
        armEnd()
        publishSnapshot()
    }

    func pause() {
        guard state == .running else { return }
        state = .paused
        arrivalTimer?.cancel()
        arrivalTimer = nil
        publishSnapshot()
    }

    func resume() {
        guard state == .paused else { return }
        state = .running
        beginArrivals(origin: .now())
        publishSnapshot()
    }

    func update(plan newPlan: LoadPlan) {
        // Customers already due under the old timetable come first (the loop may be behind): a plan change
        // must not lose them.
        if state == .running { startDueArrivals(now: .now(), limit: .max) }
        let old = plan
        plan = newPlan
        if newPlan != old { generation += 1 }
        if newPlan.order != old.order || newPlan.keepAlive != old.keepAlive { buildRequests() }
        if !newPlan.keepAlive && old.keepAlive {
            for side in sides {
                for connection in side.idle { connection.channel.close(promise: nil) }
                side.idle.removeAll()
            }
        }
        if newPlan.duration != old.duration {
            endAt = newPlan.duration.map { startedAt + TimeAmount($0) }
            if state == .running || state == .paused { armEnd() }
        }
        for index in sides.indices { serveWaiters(index) }
        guard state == .running else { return }
        if newPlan.arrivals != old.arrivals {
            arrivalTimer?.cancel()
            arrivalTimer = nil
            // Keep the rhythm: the first customer of a new constant rate comes one new gap after the last one.
            var origin = NIODeadline.now()
            if case .constant(let rate) = newPlan.arrivals, let lastPlanned {
                origin = max(origin, lastPlanned + TimeAmount(rate.gap))
            }
            beginArrivals(origin: origin)
        } else if case .closed = newPlan.arrivals {
            topUpClosedLoop()
        }
        if arrivalsEnded() { endArrivals() }
    }

    /// Ends the day now: no more arrivals, customers still inside are cut off and their connections closed.
    func stop() {
        guard state != .finished else { return }
        if state == .ready { startedAt = .now() }
        state = .draining
        arrivalTimer?.cancel()
        arrivalTimer = nil
        closeDoor()
        while let customer = visits.popFirst() {
            guard !customer.finished else { continue }
            finish(customer, outcome: .cutOff)
        }
        finishRun()
    }

    func reset() {
        for side in sides { side.recorder.reset(label: side.target.label, url: side.target.origin) }
        lag.reset()
        lagSummary = nil
        recent.clear()
        customersPlanned = 0
        publishSnapshot()
    }

    // MARK: - Arrivals

    private func beginArrivals(origin: NIODeadline) {
        if case .closed = plan.arrivals {
            nextPlanned = nil
            topUpClosedLoop()
            return
        }
        schedule = ArrivalSchedule(plan.arrivals)
        scheduleOrigin = origin
        nextPlanned = schedule.next().map { origin + TimeAmount($0) }
        armArrivalTimer()
    }

    private func armArrivalTimer() {
        arrivalTimer?.cancel()
        guard state == .running, let nextPlanned else { return }
        arrivalTimer = loop.assumeIsolated().scheduleTask(deadline: nextPlanned) { [self] in arrivalsDue() }
    }

    /// Starts every customer whose planned instant has come, then sleeps until the next one.
    private func arrivalsDue() {
        arrivalTimer = nil
        guard state == .running else { return }
        // Let the loop read answers between very large bursts; the planned instants stay as they were.
        if startDueArrivals(now: .now(), limit: 4096) { armArrivalTimer() }
    }

    /// Starts up to `limit` customers planned at or before `now`; false when that ended the arrivals.
    @discardableResult
    private func startDueArrivals(now: NIODeadline, limit: Int) -> Bool {
        var started = 0
        while let planned = nextPlanned, planned <= now, started < limit {
            if arrivalsEnded(planned: planned) {
                endArrivals()
                return false
            }
            arrive(planned: planned, now: now)
            nextPlanned = schedule.next().map { scheduleOrigin + TimeAmount($0) }
            started += 1
        }
        if arrivalsEnded() {
            endArrivals()
            return false
        }
        return true
    }

    /// Closes the door at `endAt`. When the loop is behind, customers planned before `endAt` may not have been
    /// started yet when this fires: they still come (each sent or counted as not sent), and the arrivals timer
    /// ends the day itself at the first instant at or after `endAt`. Only a paused door, or a timetable with no
    /// customer left before `endAt`, is closed here.
    private func armEnd() {
        guard let endAt else { return }
        loop.assumeIsolated().scheduleTask(deadline: endAt) { [self] in
            guard self.endAt == endAt, state == .running || state == .paused else { return }
            if state == .running, let next = nextPlanned, next < endAt {
                if arrivalTimer == nil { armArrivalTimer() }
                return
            }
            endArrivals()
        }
    }

    private func arrivalsEnded(planned: NIODeadline? = nil) -> Bool {
        if let count = plan.count, customersPlanned >= count { return true }
        if let endAt, let planned, planned >= endAt { return true }
        return false
    }

    /// One planned customer walks in: the same id and instant go to every café.
    private func arrive(planned: NIODeadline, now: NIODeadline) {
        let id = nextCustomerId
        nextCustomerId += 1
        customersPlanned += 1
        lastPlanned = planned
        lag.record(Recorder.micros(Duration(now - planned)))
        recent.open(id, targets: Array(sides.indices))
        let tooLate = now >= planned + TimeAmount(plan.patience)
        for index in sides.indices {
            sides[index].recorder.planned()
            if tooLate || inFlightCount >= plan.maxInFlight {
                notSent(id: id, target: index)
            } else {
                begin(Customer(id: id, target: index, planned: planned, closedLoop: false, generation: generation))
            }
        }
    }

    private func notSent(id: Int, target: Int) {
        sides[target].recorder.notSent()
        recent.finish(id, target: target, outcome: .notSent, latencyMs: nil)
    }

    /// Keeps `customers` closed-loop customers ordering at each café.
    private func topUpClosedLoop() {
        guard state == .running, case .closed(let customers, _) = plan.arrivals else { return }
        for index in sides.indices {
            while sides[index].looping < customers && !arrivalsEnded() {
                sides[index].looping += 1
                orderAgain(target: index)
            }
        }
    }

    private func orderAgain(target: Int) {
        let id = nextCustomerId
        nextCustomerId += 1
        customersPlanned += 1
        let now = NIODeadline.now()
        recent.open(id, targets: [target])
        sides[target].recorder.planned()
        if inFlightCount >= plan.maxInFlight {
            sides[target].looping -= 1
            notSent(id: id, target: target)
            return
        }
        begin(Customer(id: id, target: target, planned: now, closedLoop: true, generation: generation))
    }

    private func endArrivals() {
        guard state == .running || state == .paused else { return }
        state = .draining
        arrivalTimer?.cancel()
        arrivalTimer = nil
        nextPlanned = nil
        closeDoor()
        if inFlightCount == 0 { finishRun() }
    }

    /// Notes when arrivals ended and who was inside each café then: the tail.
    private func closeDoor() {
        guard arrivalsEndedAt == nil else { return }
        arrivalsEndedAt = .now()
        for side in sides { side.recorder.endArrivals(inside: side.inFlight.total) }
    }

    // MARK: - A visit

    private func begin(_ customer: Customer) {
        visits.append(customer)
        inFlightCount += 1
        let side = sides[customer.target]
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

    private func takeIdle(_ side: Side) -> CafeConnection? {
        while let connection = side.idle.popLast() {
            connection.idle = false
            if !connection.closed && connection.channel.isActive { return connection }
        }
        return nil
    }

    private func connect(_ customer: Customer) {
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
                if VisitFailure.isGeneratorShortage(error) {
                    finish(customer, outcome: .notSent)
                } else {
                    finish(customer, outcome: .failed(VisitFailure(error)))
                }
                serveWaiters(customer.target)
            }
        }
    }

    private func send(_ customer: Customer, on connection: CafeConnection) {
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
        setPhase(customer, .sent)
        customer.sentAt = .now()
        side.recorder.sent()
        let idText = String(customer.id)
        var buffer = connection.channel.allocator.buffer(
            capacity: side.requestPrefix.count + idText.utf8.count + side.requestSuffix.count)
        buffer.writeBytes(side.requestPrefix)
        buffer.writeString(idText)
        buffer.writeBytes(side.requestSuffix)
        connection.channel.writeAndFlush(buffer, promise: nil)
    }

    private func answer(_ event: ResponseReader.Event, on connection: CafeConnection) {
        guard let customer = connection.customer else { return }
        switch event {
        case .firstByte:
            if customer.phase == .sent { setPhase(customer, .receiving) }
        case .complete(let status, let keepAlive):
            connection.customer = nil
            customer.connection = nil
            finish(customer, outcome: .answered(status))
            if keepAlive && plan.keepAlive && state != .finished {
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
    private func release(_ connection: CafeConnection) {
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

    private func closed(_ connection: CafeConnection) {
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
    private func serveWaiters(_ index: Int) {
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
        case notSent
        case cutOff
    }

    private func finish(_ customer: Customer, outcome: Outcome) {
        guard !customer.finished else { return }
        customer.finished = true
        inFlightCount -= 1
        let side = sides[customer.target]
        adjust(&side.inFlight, customer.phase, by: -1)
        count(customer, in: side, by: -1)
        let now = NIODeadline.now()
        let fromPlanned = Duration(now - customer.planned)
        let waited = fromPlanned.milliseconds
        side.recorder.visitEnded(atSeconds: Duration(now - startedAt).milliseconds / 1000)
        switch outcome {
        case .answered(let status):
            side.recorder.answered(status: status, fromPlanned: fromPlanned,
                                   fromSent: customer.sentAt.map { Duration(now - $0) })
            recent.finish(customer.id, target: customer.target, outcome: status < 400 ? .served : .refused,
                          latencyMs: waited, waitedMs: waited, status: status)
        case .walkedOut:
            side.recorder.walkedOut(outside: customer.phase == .waiting || customer.phase == .connecting)
            recent.finish(customer.id, target: customer.target, outcome: .walkedOut, waitedMs: waited)
        case .failed(let failure):
            side.recorder.failed(failure)
            recent.finish(customer.id, target: customer.target, outcome: .failed, waitedMs: waited, failure: failure)
        case .notSent:
            side.recorder.notSent()
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

    private func reorder(_ target: Int) {
        guard state == .running, !arrivalsEnded() else {
            sides[target].looping -= 1
            if state == .running && arrivalsEnded() { endArrivals() }
            return
        }
        orderAgain(target: target)
    }

    private func setPhase(_ customer: Customer, _ phase: Customer.Phase, initial: Bool = false) {
        let side = sides[customer.target]
        if !initial { adjust(&side.inFlight, customer.phase, by: -1) }
        customer.phase = phase
        adjust(&side.inFlight, phase, by: 1)
    }

    /// The brew a customer of this café orders under the current plan; nil when its URL has a path of its own.
    private func orderedKind(_ side: Side) -> BrewKind? {
        side.target.path == nil ? plan.order.kind : nil
    }

    /// Counts a customer in (or out of) the in-flight tallies by brew kind and by plan generation.
    private func count(_ customer: Customer, in side: Side, by delta: Int) {
        switch customer.kind {
        case .cpu: side.inFlight.cpu += delta
        case .io: side.inFlight.io += delta
        case nil: break
        }
        let left = side.inFlightByGeneration[customer.generation, default: 0] + delta
        side.inFlightByGeneration[customer.generation] = left == 0 ? nil : left
    }

    private func adjust(_ inFlight: inout InFlight, _ phase: Customer.Phase, by delta: Int) {
        switch phase {
        case .waiting: inFlight.waiting += delta
        case .connecting: inFlight.connecting += delta
        case .sent: inFlight.sent += delta
        case .receiving: inFlight.receiving += delta
        }
    }

    // MARK: - The sweep: walk-outs, seconds, snapshots

    private func armSweep() {
        sweepTimer = loop.assumeIsolated().scheduleTask(in: Self.sweepInterval) { [self] in
            sweep()
            if state != .finished { armSweep() }
        }
    }

    private func sweep() {
        let now = NIODeadline.now()
        let patience = TimeAmount(plan.patience)
        while let first = visits.first {
            if first.finished {
                visits.removeFirst()
            } else if first.planned + patience <= now {
                visits.removeFirst()
                finish(first, outcome: .walkedOut)
            } else {
                break
            }
        }
        for side in sides {
            while let first = side.waiting.first, first.finished { side.waiting.removeFirst() }
        }
        let second = Int(Duration(now - startedAt).components.seconds)
        for side in sides { side.recorder.advance(toSecond: second) }
        sweeps += 1
        if sweeps % Self.publishEverySweeps == 0 { publishSnapshot(exact: false) }
    }

    private func finishRun() {
        guard state != .finished else { return }
        state = .finished
        arrivalTimer?.cancel()
        arrivalTimer = nil
        sweepTimer?.cancel()
        sweepTimer = nil
        for side in sides {
            for connection in side.idle { connection.channel.close(promise: nil) }
            side.idle.removeAll()
        }
        publishSnapshot()
        finished.succeed(())
    }

    /// The lag's percentiles: like the since-start latencies, refreshed at most once a second between
    /// exact snapshots, and never when no customer was added (a paused door).
    private func currentLagSummary(exact: Bool) -> LatencySummary {
        lagSnapshotsSinceSummary += 1
        if let cached = lagSummary,
            cached.count == lag.totalCount || (!exact && lagSnapshotsSinceSummary < Recorder.snapshotsPerTotals)
        {
            return cached.summary
        }
        let summary = Recorder.summary(lag)
        lagSummary = (lag.totalCount, summary)
        lagSnapshotsSinceSummary = 0
        return summary
    }

    /// `exact: false` (the periodic publish) lets the since-start percentiles lag by up to a second.
    func publishSnapshot(exact: Bool = true) {
        let now = NIODeadline.now()
        let elapsed = Duration(now - startedAt)
        // At the end, the last (partial) second is closed too, so its row is not lost.
        let second = state == .ready ? 0 : Int(elapsed.components.seconds) + (state == .finished ? 1 : 0)
        for side in sides { side.recorder.advance(toSecond: second) }
        let snapshot = LoadSnapshot(
            elapsedSeconds: state == .ready ? 0 : elapsed.milliseconds / 1000, state: state,
            arrivals: plan.arrivals.description, plannedRatePerSecond: plan.arrivals.nominalRate,
            customersPlanned: customersPlanned, scheduleLag: currentLagSummary(exact: exact),
            targets: sides.map { side in
                var inFlight = side.inFlight
                inFlight.fromEarlierPlans = inFlight.total - (side.inFlightByGeneration[generation] ?? 0)
                return side.recorder.snapshot(inFlight: inFlight, exact: exact)
            },
            recentCustomers: recent.finished,
            arrivalsEndedSeconds: arrivalsEndedAt.map { Duration($0 - startedAt).milliseconds / 1000 },
            planGeneration: generation)
        publish(snapshot)
    }

    // MARK: - Requests

    /// The request bytes around the customer id, built once per plan: a customer costs one small buffer.
    private func buildRequests() {
        for side in sides {
            let path = side.target.requestPath(order: plan.order)
            side.requestPrefix = Array(
                "GET \(path) HTTP/1.1\r\nHost: \(side.target.hostHeader)\r\nUser-Agent: barista-load\r\nX-Customer-Id: "
                    .utf8)
            side.requestSuffix = Array("\r\nConnection: \(plan.keepAlive ? "keep-alive" : "close")\r\n\r\n".utf8)
        }
    }
}

extension Duration {
    init(_ amount: TimeAmount) { self = .nanoseconds(amount.nanoseconds) }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
