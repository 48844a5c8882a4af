import CafeModel
import Foundation
import NIOCore
import NIOPosix
import SyncServer
import TestSupport
import Testing

@testable import LoadGenerator

#if canImport(Glibc)
import Glibc
#endif

/// What the customers' snapshot says at the moments that teach the most: orders left from an earlier plan,
/// how each customer's visit ended, the tail after the door closed, every planned customer accounted for.
/// Live runs against a real café or a `TestListener` on 127.0.0.1.
@Suite("The customers' snapshot tells the truth", .serialized, .onOwnThreads)
struct SnapshotTruthTests {
    /// Polls the run's fresh state until `condition` holds or `limit` passes (a guard against hanging, not a
    /// measured bound); returns the last snapshot.
    static func snapshot(
        of run: LoadRun, within limit: Duration = .seconds(20),
        until condition: (LoadSnapshot) -> Bool
    ) async -> LoadSnapshot {
        await eventually(within: limit, { await run.freshSnapshot() }, until: condition)
    }

    @Test("after a switch from cpu to io brews, the cpu orders still inside are counted as from an earlier plan")
    func ordersFromBefore() async throws {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        // One barista and 150 ms cpu brews: 3 s of work ahead of any io order, so nothing io is served yet.
        configuration.workers = 1
        let cafe = try SyncCafe(configuration: configuration)
        defer { cafe.shutdown() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(cafe.port)", label: "sync")
        var plan = LoadPlan(
            arrivals: .burst(Burst(size: 20, every: .seconds(600))),
            order: Order(milliseconds: 150, kind: .cpu), patience: .seconds(60))
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        defer { run.stop() }
        // All 20 sent (planned is not yet sent: one planned but unsent at the switch would go as an io order).
        // A customer orders what the plan says when its connection opens: wait until all 20 have ordered (on a
        // busy machine some may still be connecting well after they were planned).
        let before = await Self.snapshot(of: run) { snapshot in
            snapshot.customersPlanned == 20
                && snapshot.targets.first.map { $0.sent == 20 && $0.inFlight.cpu + $0.served == 20 } == true
        }
        let inside = try #require(before.targets.first).inFlight
        #expect(inside.cpu + before.targets[0].served == 20 && inside.io == 0)
        #expect(inside.fromEarlierPlans == 0 && before.planGeneration == 0)

        // The next scene: io orders, 20 more customers coming quickly.
        plan.order = Order(milliseconds: 150, kind: .io)
        plan.arrivals = .constant(try Rate.parse("200/s"))
        plan.count = 40
        run.update(plan: plan)
        let after = await Self.snapshot(of: run) { $0.customersPlanned == 40 }
        let side = try #require(after.targets.first)
        #expect(after.customersPlanned == 40 && after.planGeneration == 1)
        // One barista takes the customers in the order they came: every cpu order before any io order. (On a
        // busy machine the test may look late, when some or all are served; the counts still add up.)
        #expect(side.inFlight.cpu == 20 - min(side.served, 20), "served so far: \(side.served)")
        #expect(side.inFlight.io == 20 - max(0, side.served - 20), "served so far: \(side.served)")
        #expect(side.inFlight.fromEarlierPlans == side.inFlight.cpu)
        #expect(side.inFlight.count(of: .cpu) == side.inFlight.cpu)
        #expect(side.inFlight.cpu + side.inFlight.io == side.inFlight.total)
    }

    @Test("a café that serves nobody: 20 cpu orders from before and 20 io orders now, all still inside")
    func ordersFromBeforeStayCounted() async throws {
        let listener = TestListener(.silent)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)")
        var plan = LoadPlan(
            arrivals: .burst(Burst(size: 20, every: .seconds(600))),
            order: Order(milliseconds: 100, kind: .cpu), patience: .seconds(60))
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        defer { run.stop() }
        // All 20 sent before the switch, and all 40 after it: planned is not yet sent.
        _ = await Self.snapshot(of: run) {
            $0.customersPlanned == 20 && $0.targets.first?.sent == 20 && $0.targets.first?.inFlight.cpu == 20
        }
        plan.order = Order(milliseconds: 100, kind: .io)
        plan.arrivals = .constant(try Rate.parse("200/s"))
        plan.count = 40
        run.update(plan: plan)
        let after = await Self.snapshot(of: run) {
            $0.customersPlanned == 40 && $0.targets.first?.inFlight.total == 40
        }
        let inside = try #require(after.targets.first).inFlight
        #expect(inside.total == 40 && inside.cpu == 20 && inside.io == 20)
        #expect(inside.fromEarlierPlans == 20)
        // The same plan again is not a new scene.
        run.update(plan: plan)
        #expect(await run.freshSnapshot().planGeneration == 1)
    }

    @Test("a customer who walks out carries how long they waited, and no status")
    func walkedOutCarriesTheWait() async throws {
        let listener = TestListener(.silent)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(arrivals: .constant(try Rate.parse("20/s")), patience: .milliseconds(300), count: 3)
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        #expect(snapshot.recentCustomers.count == 3)
        for customer in snapshot.recentCustomers {
            #expect(customer.outcomes == [.walkedOut])
            #expect(customer.latencyMs == [nil] && customer.status == [nil] && customer.failures == [nil])
            let waited = try #require(customer.waitedMs.first ?? nil)
            #expect(waited >= 300, "walked out after \(waited) ms, before their patience")
        }
        // They got in (the listener accepted them): none walked out from outside.
        #expect(snapshot.targets[0].walkedOutOutside == 0)
    }

    @Test("a customer turned down carries the status, a refused connection its failure")
    func endsCarryTheirReason() async throws {
        let listener = TestListener(
            .raw("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
        defer { listener.stop() }
        let closed = ClosedLoopbackPort()
        defer { closed.close() }
        let port = closed.port
        let targets = [
            try LoadTarget(url: "http://127.0.0.1:\(listener.port)/"),
            try LoadTarget(url: "http://127.0.0.1:\(port)/"),
        ]
        let plan = LoadPlan(arrivals: .constant(try Rate.parse("20/s")), count: 3)
        let run = try LoadRun(targets: targets, plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        #expect(snapshot.recentCustomers.count == 3)
        for customer in snapshot.recentCustomers {
            #expect(customer.outcomes == [.refused, .failed])
            #expect(customer.status == [503, nil])
            #expect(customer.failures == [nil, .refused])
            #expect(customer.waitedMs[0] != nil && customer.waitedMs[1] != nil)
        }
        #expect(snapshot.targets[0].refused == 3 && snapshot.targets[1].errors[.refused] == 3)
    }

    @Test("every way a visit can fail has a few words of its own, and a connect timeout is one of them")
    func failureWords() {
        let words = VisitFailure.allCases.map(\.words)
        #expect(Set(words).count == words.count)
        #expect(words.allSatisfy { !$0.isEmpty && $0.count <= 30 })
        #expect(VisitFailure.refused.words == "refused (nobody at the door)")
        #expect(VisitFailure.connectTimeout.words == "timed out connecting")
        #expect(VisitFailure(ChannelError.connectTimeout(.seconds(10))) == .connectTimeout)
        #expect(VisitFailure(IOError(errnoCode: ETIMEDOUT, reason: "connect")) == .connectTimeout)
        #expect(VisitFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .refused)
    }

    @Test("a café that falls behind serves part of its cups after the door closed, and the snapshot says so")
    func theTail() async throws {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        // One barista, 100 ms brews, 20 customers a second: 10 cups a second, so half of them wait for the tail.
        configuration.workers = 1
        let cafe = try SyncCafe(configuration: configuration)
        defer { cafe.shutdown() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(cafe.port)", label: "sync")
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("20/s")), order: Order(milliseconds: 100),
            patience: .seconds(60), duration: .seconds(1))
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        let side = try #require(snapshot.targets.first)
        let closed = try #require(snapshot.arrivalsEndedSeconds)
        let lastEnd = try #require(side.lastVisitEndedSeconds)
        let inside = try #require(side.insideWhenArrivalsEnded)
        #expect(side.served == side.planned, "walked out \(side.walkedOut), errors \(side.errors)")
        #expect(closed >= 1.0 && lastEnd > closed)
        #expect(inside > 0 && side.servedWhileArriving < side.served)
        // Everyone inside at the close was served in the tail, and nobody else.
        #expect(side.served - side.servedWhileArriving == inside)
    }

    @Test("at 30,000 customers a second for 0.5 s, 15,000 are planned and each is sent or counted as not sent")
    func everyPlannedCustomerCounts() async throws {
        let listener = TestListener(.answer)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        // The in-flight limit keeps the listener's threads few; the customers beyond it are counted as not sent.
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("30000/s")), maxInFlight: 50,
            duration: .milliseconds(500))
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        let side = try #require(snapshot.targets.first)
        #expect((14_999...15_001).contains(snapshot.customersPlanned))
        #expect(side.planned == snapshot.customersPlanned)
        #expect(
            side.sent + side.notSent + side.errorCount + side.walkedOutOutside == side.planned,
            "sent \(side.sent), not sent \(side.notSent), errors \(side.errors)")
        #expect(side.served + side.refused + side.walkedOut + side.errorCount + side.notSent == side.planned)
    }

    @Test("a generator that falls far behind its timetable near the end still plans every customer until the end")
    func stalledGeneratorPlansEveryone() async throws {
        let listener = TestListener(.answer)
        defer { listener.stop() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        let loop = group.next()
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("20000/s")), maxInFlight: 50,
            duration: .milliseconds(500))
        let run = try LoadRun(targets: [target], plan: plan, on: loop)
        // A stand-in for a machine too busy to run the generator: its loop stalls for most of the day, so
        // when it wakes, more customers are due than it starts in one go, and the end of the day is due too.
        loop.scheduleTask(in: .milliseconds(50)) { usleep(600_000) }
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        let side = try #require(snapshot.targets.first)
        #expect((9_999...10_001).contains(snapshot.customersPlanned))
        #expect(
            side.sent + side.notSent + side.errorCount + side.walkedOutOutside == side.planned,
            "sent \(side.sent), not sent \(side.notSent), errors \(side.errors)")
    }
}
