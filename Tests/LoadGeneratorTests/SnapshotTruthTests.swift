import CafeModel
import Foundation
@testable import LoadGenerator
import NIOCore
import SyncServer
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the customers' snapshot says at the moments that teach the most: orders left from an earlier plan,
/// how each customer's visit ended, the tail after the door closed, every planned customer accounted for.
/// Live runs against a real café or a `TestListener` on 127.0.0.1.
@Suite("The customers' snapshot tells the truth", .serialized)
struct SnapshotTruthTests {
    /// Polls the run's fresh state until `condition` holds or `limit` passes (a guard against hanging, not a
    /// measured bound); returns the last snapshot.
    static func snapshot(of run: LoadRun, within limit: Duration = .seconds(20),
                         until condition: (LoadSnapshot) -> Bool) async -> LoadSnapshot {
        let deadline = ContinuousClock.now + limit
        var snapshot = await run.freshSnapshot()
        while !condition(snapshot) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            snapshot = await run.freshSnapshot()
        }
        return snapshot
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
        var plan = LoadPlan(arrivals: .burst(Burst(size: 20, every: .seconds(600))),
                            order: Order(milliseconds: 150, kind: .cpu), patience: .seconds(60))
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        defer { run.stop() }
        let before = await Self.snapshot(of: run) { $0.customersPlanned == 20 }
        let inside = try #require(before.targets.first).inFlight
        #expect(inside.cpu + before.targets[0].served == 20 && inside.io == 0)
        #expect(inside.fromEarlierPlans == 0 && before.planGeneration == 0)

        // The next scene: io orders, 20 more customers coming quickly.
        plan.order = Order(milliseconds: 150, kind: .io)
        plan.arrivals = .constant(try Rate.parse("200/s"))
        plan.count = 40
        run.update(plan: plan)
        let after = await Self.snapshot(of: run) { $0.customersPlanned == 40 && $0.targets[0].inFlight.io == 20 }
        let side = try #require(after.targets.first)
        #expect(after.planGeneration == 1)
        #expect(side.inFlight.io == 20)
        #expect(side.inFlight.cpu == 20 - side.served, "served so far: \(side.served)")
        #expect(side.inFlight.fromEarlierPlans == side.inFlight.cpu)
        #expect(side.inFlight.count(of: .cpu) == side.inFlight.cpu)
        #expect(side.inFlight.cpu + side.inFlight.io == side.inFlight.total)
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
        let port = closedLoopbackPort()
        let targets = [try LoadTarget(url: "http://127.0.0.1:\(listener.port)/"),
                       try LoadTarget(url: "http://127.0.0.1:\(port)/")]
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
}
