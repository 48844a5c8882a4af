import AsyncServer
import CafeModel
import Foundation
import LoadGenerator
import SyncServer
import TestSupport
import Testing

/// Live runs against real servers on 127.0.0.1: the async café where the café must keep up with any rate,
/// the sync café where a queue must form.
@Suite("A load run", .serialized, .onOwnThreads)
struct LoadRunTests {
    /// The async café awaiting its brews: it keeps up with these rates on one loop.
    static func asyncCafe() throws -> AsyncCafe {
        var configuration = AsyncCafeConfiguration()
        configuration.port = 0
        return try AsyncCafe(configuration: configuration)
    }

    static func cafe(workers: Int) throws -> SyncCafe {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        configuration.workers = workers
        return try SyncCafe(configuration: configuration)
    }

    /// Runs to the end, failing the test (instead of hanging) when the run outlives `limit`.
    static func run(_ run: LoadRun, limit: Duration) async -> (LoadSnapshot, Duration) {
        let clock = ContinuousClock()
        let started = clock.now
        run.start()
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await run.finished(); return true
            }
            group.addTask {
                try? await Task.sleep(for: limit); return false
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        #expect(finished, "the run did not end within \(limit)")
        if !finished { run.stop() }
        return (await run.freshSnapshot(), started.duration(to: clock.now))
    }

    /// The run's last customer ended by `seconds` after the start, on the generator's own clock: the day closed on
    /// time and nobody was kept past their patience. (The test's own wall clock is not used: on a busy 2-core
    /// machine the test task itself may resume seconds late.)
    /// The run ended, and not long after its plan: `seconds` is the planned end times 3 or more (a generator whose
    /// own timers a busy machine wakes late is still on time; one that never stops is not).
    static func expectEndedOnTime(
        _ snapshot: LoadSnapshot, within seconds: Double, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lastEnd = ([snapshot.arrivalsEndedSeconds] + snapshot.targets.map(\.lastVisitEndedSeconds)).compactMap {
            $0
        }.max()
        #expect(snapshot.state == .finished, sourceLocation: sourceLocation)
        #expect(
            (lastEnd ?? .infinity) <= seconds, "last customer ended at \(lastEnd ?? -1) s",
            sourceLocation: sourceLocation)
    }

    @Test("a constant 200/s for 2 s sends 400 customers, ±1 %, and all are served")
    func constantRate() async throws {
        let cafe = try Self.asyncCafe()
        defer { cafe.shutdown() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(cafe.port)", label: "cafe")
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("200/s")), order: Order(milliseconds: 0),
            duration: .seconds(2))
        let (snapshot, _) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(60))
        let cafeSide = try #require(snapshot.targets.first)
        #expect((396...404).contains(cafeSide.planned))
        #expect((396...404).contains(cafeSide.sent))
        #expect(cafeSide.served == cafeSide.sent)
        #expect(cafeSide.statusCounts[200] == cafeSide.served)
        #expect(
            cafeSide.errorCount == 0 && cafeSide.walkedOut == 0 && cafeSide.notSent == 0,
            "errors \(cafeSide.errors), walked out \(cafeSide.walkedOut), not sent \(cafeSide.notSent)")
        #expect(cafeSide.corrected.count == cafeSide.served && cafeSide.uncorrected.count == cafeSide.served)
        #expect(snapshot.state == .finished)
        Self.expectEndedOnTime(snapshot, within: 12)
    }

    @Test("two cafés get the same customer ids at the same planned instants")
    func sameCustomersEverywhere() async throws {
        let first = TestListener(.answer), second = TestListener(.answer)
        defer {
            first.stop()
            second.stop()
        }
        let targets = try [first, second].map { try LoadTarget(url: "http://127.0.0.1:\($0.port)/") }
        let plan = LoadPlan(arrivals: .constant(try Rate.parse("20/s")), count: 30)
        let (snapshot, _) = await Self.run(try LoadRun(targets: targets, plan: plan), limit: .seconds(20))
        let firstVisits = first.visits, secondVisits = second.visits
        #expect(firstVisits.count == 30 && secondVisits.count == 30)
        #expect(Set(firstVisits.map(\.customerId)) == Set(secondVisits.map(\.customerId)))
        #expect(Set(firstVisits.map(\.customerId)) == Set(1...30))
        // Each customer reached both cafés at (nearly) the same instant: the same planned time, one loop. Measured
        // against the 50 ms between customers, not a fixed bound: typically a customer is much nearer its twin
        // than its neighbours; a listener thread a busy machine delays may make a few outliers.
        let gap = Duration.milliseconds(50)
        let arrivedSecond = Dictionary(uniqueKeysWithValues: secondVisits.map { ($0.customerId, $0.at) })
        let apart = try firstVisits.map { visit in
            let other = try #require(arrivedSecond[visit.customerId])
            return visit.at < other ? visit.at.duration(to: other) : other.duration(to: visit.at)
        }.sorted()
        #expect(apart[apart.count / 2] < gap / 4, "median \(apart[apart.count / 2]) apart: \(apart)")
        // The tail is the busy machine's (a listener thread scheduled late), not the generator's: 3× the gap.
        #expect(apart[apart.count * 9 / 10] < gap * 3, "90th percentile \(apart[apart.count * 9 / 10]) apart: \(apart)")
        // The screen's "customer #N: sync …, async …" line: every finished customer has both answers.
        #expect(snapshot.recentCustomers.count == 30)
        for customer in snapshot.recentCustomers {
            #expect(customer.outcomes == [.served, .served])
            #expect(customer.latencyMs.allSatisfy { $0 != nil })
        }
    }

    @Test("a 1-worker sync café at 30/s with 100 ms brews: the queue shows in the corrected latency only")
    func queueIsVisible() async throws {
        let cafe = try Self.cafe(workers: 1)
        defer { cafe.shutdown() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(cafe.port)")
        // One connection, as `wrk -c1` would hold: customers queue inside the generator, where only the
        // latency from the planned arrival can see them.
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("30/s")), order: Order(milliseconds: 100),
            patience: .seconds(4), connections: 1, duration: .seconds(3))
        let (snapshot, _) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(60))
        let side = try #require(snapshot.targets.first)
        #expect((88...92).contains(side.planned))
        #expect(side.corrected.p99Ms > 2000)
        // Uncorrected, a customer's wait is one brew (about 100 ms quietly), never the queue's seconds.
        #expect(side.uncorrected.p99Ms < 1000)
        #expect(side.corrected.p99Ms > 5 * side.uncorrected.p99Ms)
        // Service rate: 1 barista ÷ 0.1 s = 10 cups/s, whatever the 30/s offered.
        let busySeconds = side.rows.filter { $0.second >= 1 && $0.second <= 4 }
        #expect(busySeconds.count == 4)
        let perSecond = Double(busySeconds.map(\.served).reduce(0, +)) / Double(busySeconds.count)
        // Slept brews only stretch on a busy machine, so the floor is a third of it; the point is the ceiling of
        // 10, not the 30 offered.
        #expect(perSecond >= 3 && perSecond <= 11, "served \(perSecond)/s")
        // Those not served within their patience walked out; nobody is lost.
        #expect(side.walkedOut > 10)
        #expect(side.served + side.walkedOut + side.errorCount == side.planned)
        Self.expectEndedOnTime(snapshot, within: 27)
    }

    @Test("refused connections are counted and the run ends on time")
    func refused() async throws {
        let closed = ClosedLoopbackPort()
        defer { closed.close() }
        let port = closed.port
        let target = try LoadTarget(url: "http://127.0.0.1:\(port)")
        let plan = LoadPlan(arrivals: .constant(try Rate.parse("50/s")), duration: .seconds(1))
        let (snapshot, _) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(60))
        let side = try #require(snapshot.targets.first)
        #expect((49...51).contains(side.planned))
        #expect(side.errors[.refused] == side.planned)
        #expect(side.served == 0 && side.sent == 0)
        Self.expectEndedOnTime(snapshot, within: 9)
    }

    @Test("a café that resets the connection is counted as errors")
    func reset() async throws {
        let listener = TestListener(.reset)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(arrivals: .constant(try Rate.parse("20/s")), duration: .seconds(1))
        let (snapshot, _) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(60))
        let side = try #require(snapshot.targets.first)
        #expect((19...21).contains(side.planned))
        #expect(side.served == 0)
        #expect(side.errorCount == side.planned)
        #expect((side.errors[.reset] ?? 0) + (side.errors[.closedEarly] ?? 0) == side.planned)
        #expect((side.errors[.reset] ?? 0) > 0)
        Self.expectEndedOnTime(snapshot, within: 9)
    }

    @Test("customers who are never served walk out after their patience, and the run ends on time")
    func patience() async throws {
        let listener = TestListener(.silent)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("20/s")), patience: .milliseconds(300),
            duration: .seconds(1))
        let (snapshot, took) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(10))
        let side = try #require(snapshot.targets.first)
        #expect((19...21).contains(side.planned))
        #expect(side.walkedOut == side.planned)
        #expect(side.served == 0 && side.inFlight.total == 0)
        #expect(took >= .milliseconds(1200), "nobody walks out before their patience")
        Self.expectEndedOnTime(snapshot, within: 10)
    }

    @Test("a closed loop with keep-alive reuses its connections")
    func closedLoopKeepAlive() async throws {
        let listener = TestListener(.answer)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(arrivals: .closed(customers: 3, think: .zero), keepAlive: true, count: 300)
        let (snapshot, _) = await Self.run(try LoadRun(targets: [target], plan: plan), limit: .seconds(20))
        let side = try #require(snapshot.targets.first)
        #expect(side.served == 300)
        #expect(listener.visits.count == 300)
        #expect(listener.connections <= 3)
    }

    @Test("the rate changes live, and a pause stops arrivals")
    func liveChanges() async throws {
        let cafe = try Self.asyncCafe()
        defer { cafe.shutdown() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(cafe.port)")
        var plan = LoadPlan(arrivals: .constant(try Rate.parse("20/s")), order: Order(milliseconds: 0))
        let run = try LoadRun(targets: [target], plan: plan)
        let clock = ContinuousClock()
        let started = clock.now
        run.start()
        await pause(for: .seconds(1))
        let changed = clock.now
        plan.arrivals = .constant(try Rate.parse("100/s"))
        run.update(plan: plan)
        await pause(for: .seconds(1))
        run.pause()
        let pausedAt = clock.now
        let paused = await run.freshSnapshot()
        // 20/s until the change, 100/s after it, over however long the sleeps really took on this machine: at one
        // rate throughout the count would be off by far more than the slack.
        let expected = (20 * (changed - started).milliseconds + 100 * (pausedAt - changed).milliseconds) / 1000
        #expect(
            abs(Double(paused.customersPlanned) - expected) <= 5 + 0.1 * expected,
            "planned \(paused.customersPlanned), expected about \(expected)")
        #expect(paused.state == .paused)
        await pause(for: .milliseconds(500))
        let later = await run.freshSnapshot()
        #expect(later.customersPlanned == paused.customersPlanned)
        run.reset()
        let afterReset = await run.freshSnapshot()
        #expect(afterReset.targets[0].served == 0 && afterReset.customersPlanned == 0)
        run.stop()
        await run.finished()
        #expect(run.snapshot().state == .finished)
    }
}
