import NIOCore

/// The café's clock and notice board: every 10 ms customers out of patience walk out, seconds are closed, and
/// every 50 ms the snapshot the screen reads is published.
///
/// On the load generator: the sweep timer, the end of the run, and the batched snapshots.
extension LoadEngine {
    func armSweep() {
        sweepTimer = loop.assumeIsolated().scheduleTask(in: Self.sweepInterval) { [self] in
            sweep()
            if state != .finished { armSweep() }
        }
    }

    func sweep() {
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

    func finishRun() {
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
    func currentLagSummary(exact: Bool) -> LatencySummary {
        lagSnapshotsSinceSummary += 1
        if let cached = lagSummary,
            cached.count == lag.total || (!exact && lagSnapshotsSinceSummary < Recorder.snapshotsPerTotals)
        {
            return cached.summary
        }
        let summary = Recorder.summary(LatencyReading([lag]), sum: lagSum)
        lagSummary = (lag.total, summary)
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
        var lagNow: Double?
        if state == .running, let nextPlanned {
            let overdue = nextPlanned < now ? Duration(now - nextPlanned).milliseconds : 0
            lagNow = max(Double(lagSincePublishMicros) / 1000, overdue)
        }
        lagSincePublishMicros = 0
        var snapshot = LoadSnapshot(
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
            planGeneration: generation, maxInFlight: plan.maxInFlight)
        snapshot.scheduleLagNowMs = lagNow
        publish(snapshot)
    }
}
