import CafeModel
import NIOCore
import NIOPosix

/// The street and the door: plans customers by the timetable and sends each one to every café at the same
/// planned instant, then follows every visit to its end.
///
/// On the load generator: all mutable state of a run, owned by one event loop (every method runs on it).
/// Arrivals are fired by timers set to the planned instants; a customer the loop starts late keeps its
/// planned instant, so the lateness counts in its latency instead of vanishing (no coordinated omission).
///
/// Where things are: this file holds the state and the controls (start, pause, update, stop);
/// `LoadEngine+Arrivals` the timetable and the door closing; `LoadEngine+Visits` one customer's visit and the
/// connection pool; `LoadEngine+Publishing` the sweep (walk-outs, seconds) and the snapshots;
/// `LoadEngine+Side` what the engine keeps per café.
final class LoadEngine {
    let loop: EventLoop
    private(set) var plan: LoadPlan
    let sides: [Side]
    let publish: (LoadSnapshot) -> Void
    let finished: EventLoopPromise<Void>
    let bootstrap: ClientBootstrap

    var state = LoadRunState.ready
    var startedAt = NIODeadline.now()
    var endAt: NIODeadline?
    var schedule: ArrivalSchedule
    var scheduleOrigin = NIODeadline.now()
    var nextPlanned: NIODeadline?
    var lastPlanned: NIODeadline?
    /// When the due customers were last looked at: a SIGCONT after it means the process was stopped since.
    var arrivalsLookedAt = NIODeadline.now()
    var arrivalTimer: Scheduled<Void>?
    var sweepTimer: Scheduled<Void>?
    var sweeps = 0
    var nextCustomerId = 1
    var customersPlanned = 0
    var inFlightCount = 0
    /// Visits in order of their planned instant, for the walk-out sweep; finished ones are dropped lazily.
    var visits = CircularBuffer<Customer>(initialCapacity: 1024)
    var lag = LatencyCounts(digits: 3)
    /// The lag's microseconds summed, for its mean (see `Recorder.summary`).
    var lagSum: UInt64 = 0
    /// The most late a customer was started since the last snapshot (µs): the generator's lag now.
    var lagSincePublishMicros: UInt64 = 0
    /// The lag's percentiles, recomputed only when a customer was added (a paused door adds none).
    var lagSummary: (count: UInt64, summary: LatencySummary)?
    var lagSnapshotsSinceSummary = 0
    var recent: RecentCustomers
    /// One more for each `update(plan:)` that changed the plan.
    var generation = 0
    /// When arrivals ended (the door closed); what is served after it is the tail.
    var arrivalsEndedAt: NIODeadline?

    /// How often walk-outs are checked and snapshots published.
    static let sweepInterval = TimeAmount.milliseconds(10)
    static let publishEverySweeps = 5

    init(
        loop: EventLoop, sides: [Side], plan: LoadPlan, publish: @escaping (LoadSnapshot) -> Void,
        finished: EventLoopPromise<Void>
    ) {
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
        ProcessStops.watch()
    }

    // MARK: - Control

    /// Opens the day; `paused` opens it with the door closed, so not one customer comes before `resume`.
    func start(paused: Bool = false) {
        guard state == .ready else { return }
        state = .running
        startedAt = .now()
        endAt = plan.duration.map { startedAt + TimeAmount($0) }
        armSweep()
        if paused {
            state = .paused
        } else {
            beginArrivals(origin: startedAt)
        }
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
        if newPlan.order != old.order || newPlan.keepAlive != old.keepAlive || newPlan.pathValues != old.pathValues {
            buildRequests()
        }
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
        lagSum = 0
        lagSummary = nil
        recent.clear()
        customersPlanned = 0
        publishSnapshot()
    }

    // MARK: - Requests

    /// The request bytes around the customer id, built once per plan: a customer costs one small buffer.
    func buildRequests() {
        for side in sides {
            let path = side.target.requestPath(order: plan.order, values: plan.pathValues)
            side.requestPrefix = Array(
                "GET \(path) HTTP/1.1\r\nHost: \(side.target.hostHeader)\r\nUser-Agent: barista-load\r\nX-Customer-Id: "
                    .utf8)
            side.requestSuffix = Array("\r\nConnection: \(plan.keepAlive ? "keep-alive" : "close")\r\n\r\n".utf8)
        }
    }
}
