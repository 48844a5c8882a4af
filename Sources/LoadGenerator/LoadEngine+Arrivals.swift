import CafeModel
import NIOCore

/// The street: the timetable's customers walk in (to every café at the same planned instant), the closed-loop
/// crowd orders again, and the door closes at the end of the day.
///
/// On the load generator: the arrivals timer, the end-of-day timer, and the in-flight limit.
extension LoadEngine {
    func beginArrivals(origin: NIODeadline) {
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

    func armArrivalTimer() {
        arrivalTimer?.cancel()
        guard state == .running, let nextPlanned else { return }
        arrivalTimer = loop.assumeIsolated().scheduleTask(deadline: nextPlanned) { [self] in arrivalsDue() }
    }

    /// Starts every customer whose planned instant has come, then sleeps until the next one.
    func arrivalsDue() {
        arrivalTimer = nil
        guard state == .running else { return }
        // Let the loop read answers between very large bursts; the planned instants stay as they were.
        if startDueArrivals(now: .now(), limit: 4096) { armArrivalTimer() }
    }

    /// Starts up to `limit` customers planned at or before `now`; false when that ended the arrivals.
    @discardableResult
    func startDueArrivals(now: NIODeadline, limit: Int) -> Bool {
        var started = 0
        // Stopped (Ctrl-Z) since the last look: the customers planned until it went on were planned while nobody
        // could send them; they are counted as not sent, not sent now as one burst.
        let resumed = ProcessStops.continued(after: arrivalsLookedAt)
        arrivalsLookedAt = now
        while let planned = nextPlanned, planned <= now, started < limit {
            if arrivalsEnded(planned: planned) {
                endArrivals()
                return false
            }
            arrive(planned: planned, now: now, whileStopped: resumed.map { planned <= $0 } ?? false)
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
    func armEnd() {
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

    func arrivalsEnded(planned: NIODeadline? = nil) -> Bool {
        if let count = plan.count, customersPlanned >= count { return true }
        if let endAt, let planned, planned >= endAt { return true }
        return false
    }

    /// One planned customer walks in: the same id and instant go to every café.
    func arrive(planned: NIODeadline, now: NIODeadline, whileStopped: Bool = false) {
        let id = nextCustomerId
        nextCustomerId += 1
        customersPlanned += 1
        lastPlanned = planned
        // The schedule's lag measures the generator at work, not a process stopped from outside.
        if !whileStopped {
            let lateness = Recorder.micros(Duration(now - planned))
            lag.record(lateness)
            lagSum &+= lateness
            lagSincePublishMicros = max(lagSincePublishMicros, UInt64(lateness))
        }
        // A customer asking for a static file goes only where static files are answered, the others only where
        // cups are made (with nginx in front); a target for everyone gets everyone.
        let asksStatic = plan.isStatic(customer: id)
        let going = sides.indices.filter { sides[$0].target.split.takes(static: asksStatic) }
        recent.open(id, targets: going)
        let tooLate = now >= planned + TimeAmount(plan.patience)
        for index in going {
            sides[index].recorder.planned()
            if whileStopped {
                notSent(id: id, target: index, reason: .stopped)
            } else if tooLate {
                notSent(id: id, target: index, reason: .behind)
            } else if sides[index].customersInFlight >= plan.maxInFlight {
                notSent(id: id, target: index, reason: .inFlightLimit)
            } else {
                begin(
                    Customer(
                        id: id, target: index, planned: planned, closedLoop: false, generation: generation,
                        slow: plan.isSlow(customer: id)))
            }
        }
    }

    func notSent(id: Int, target: Int, reason: NotSentReason) {
        sides[target].recorder.notSent(reason)
        recent.finish(id, target: target, outcome: .notSent, latencyMs: nil)
    }

    /// Keeps `customers` closed-loop customers ordering at each café.
    func topUpClosedLoop() {
        guard state == .running, case .closed(let customers, _) = plan.arrivals else { return }
        for index in sides.indices {
            while sides[index].looping < customers && !arrivalsEnded() {
                sides[index].looping += 1
                orderAgain(target: index)
            }
        }
    }

    func orderAgain(target: Int) {
        let id = nextCustomerId
        nextCustomerId += 1
        customersPlanned += 1
        let now = NIODeadline.now()
        recent.open(id, targets: [target])
        sides[target].recorder.planned()
        if sides[target].customersInFlight >= plan.maxInFlight {
            sides[target].looping -= 1
            notSent(id: id, target: target, reason: .inFlightLimit)
            return
        }
        begin(
            Customer(
                id: id, target: target, planned: now, closedLoop: true, generation: generation,
                slow: plan.isSlow(customer: id)))
    }

    func endArrivals() {
        guard state == .running || state == .paused else { return }
        state = .draining
        arrivalTimer?.cancel()
        arrivalTimer = nil
        nextPlanned = nil
        closeDoor()
        if inFlightCount == 0 { finishRun() }
    }

    /// Notes when arrivals ended and who was inside each café then: the tail.
    func closeDoor() {
        guard arrivalsEndedAt == nil else { return }
        arrivalsEndedAt = .now()
        for side in sides { side.recorder.endArrivals(inside: side.inFlight.total) }
    }

    func reorder(_ target: Int) {
        guard state == .running, !arrivalsEnded() else {
            sides[target].looping -= 1
            if state == .running && arrivalsEnded() { endArrivals() }
            return
        }
        orderAgain(target: target)
    }
}
