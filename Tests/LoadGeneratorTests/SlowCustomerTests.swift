import AsyncServer
import CafeModel
import Foundation
import LoadGenerator
import SyncServer
import TestSupport
import Testing

/// Slow customers (a slow client, Slowloris): they give their order a few bytes at a time. Each sync barista who
/// takes one is tied up reading it; the async café reads them on its loop and goes on brewing for the others.
@Suite("Slow customers", .serialized, .onOwnThreads)
struct SlowCustomerTests {
    static func syncCafe(workers: Int, headerTimeout: Duration = .seconds(10)) throws -> SyncCafe {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        configuration.workers = workers
        configuration.headerTimeout = headerTimeout
        return try SyncCafe(configuration: configuration)
    }

    static func asyncCafe(headerTimeout: Duration = .seconds(10)) throws -> AsyncCafe {
        var configuration = AsyncCafeConfiguration()
        configuration.port = 0
        configuration.headerTimeout = headerTimeout
        return try AsyncCafe(configuration: configuration)
    }

    /// Waits for a run to end (failing instead of hanging past `limit`) and returns its exact last snapshot.
    static func finish(_ run: LoadRun, limit: Duration = .seconds(60)) async -> LoadSnapshot {
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
        return await run.freshSnapshot()
    }

    // MARK: - Which customers are slow

    @Test("one in five at 20 %, spread evenly, the same ones for the same seed")
    func whichAreSlow() {
        let plan = LoadPlan(slowShare: 0.2, slowSeed: 7)
        let slow = (1...100).filter { plan.isSlow(customer: $0) }
        #expect(slow.count == 20)
        #expect(zip(slow, slow.dropFirst()).allSatisfy { $1 - $0 == 5 }, "\(slow)")
        #expect(slow == (1...100).filter { LoadPlan(slowShare: 0.2, slowSeed: 7).isSlow(customer: $0) })
        let seeds = (0..<10).map { seed in
            (1...5).first { LoadPlan(slowShare: 0.2, slowSeed: UInt64(seed)).isSlow(customer: $0) }
        }
        #expect(Set(seeds).count > 1, "the seed moves where the slow ones fall: \(seeds)")
        #expect(!(1...100).contains { LoadPlan(slowShare: 0).isSlow(customer: $0) })
        #expect((1...100).allSatisfy { LoadPlan(slowShare: 1).isSlow(customer: $0) })
        let third = LoadPlan(slowShare: 1.0 / 3, slowSeed: 3)
        #expect((1...300).filter { third.isSlow(customer: $0) }.count == 100)
    }

    // MARK: - Both cafés, the same customers

    @Test("4 slow customers tie up 4 sync baristas, reading; the fast ones wait behind them, but not in the async café")
    func slowCustomersTieUpTheSyncCafe() async throws {
        // The header timeout well beyond the slow customers' 12 s, so that each of them is served.
        let sync = try Self.syncCafe(workers: 4, headerTimeout: .seconds(30))
        let async = try Self.asyncCafe(headerTimeout: .seconds(30))
        defer {
            sync.shutdown()
            async.shutdown()
        }
        let targets = [
            try LoadTarget(url: "http://127.0.0.1:\(sync.port)", label: "sync"),
            try LoadTarget(url: "http://127.0.0.1:\(async.port)", label: "async"),
        ]
        // Four slow customers, each taking 12 s over its order, into both cafés at the same instants: long enough
        // that a test machine too busy to look for several seconds still sees them ordering.
        let slowRun = try LoadRun(
            targets: targets,
            plan: LoadPlan(
                arrivals: .constant(try Rate.parse("40/s")), order: Order(milliseconds: 100),
                patience: .seconds(60), count: 4, slowShare: 1, slowFor: .seconds(12)))
        slowRun.start()
        // The sync café: every barista reading an order that has not fully arrived. The async café: four orders
        // still arriving at its door, and its loop free. Each café is watched on its own (one look may not see
        // both at the same instant), and each sight is kept once seen.
        var syncSeen: [ThreadState] = []
        var asyncSeen: PhaseCounts?
        var allReading = false
        var allParsing = false
        _ = await eventually(within: .seconds(10)) {
            if !allReading {
                let workers = sync.stats().workers
                syncSeen = workers.map(\.state)
                allReading = workers.count == 4 && workers.allSatisfy { $0.state == .reading && $0.customerId == nil }
            }
            if !allParsing {
                let stats = async.stats()
                asyncSeen = stats.phaseCounts
                allParsing = stats.phaseCounts?.parsing == 4 && stats.loops.allSatisfy { $0.state != .blocked }
            }
            return allReading && allParsing
        }
        #expect(allReading, "sync workers \(syncSeen)")
        #expect(allParsing, "async \(String(describing: asyncSeen))")
        let sending = await slowRun.freshSnapshot().targets.map(\.inFlight.sending)
        #expect(sending.allSatisfy { $0 > 0 }, "slow customers still writing: \(sending)")

        // Fast customers come while the slow ones are still ordering.
        let fastRun = try LoadRun(
            targets: targets,
            plan: LoadPlan(
                arrivals: .constant(try Rate.parse("20/s")), order: Order(milliseconds: 100),
                patience: .seconds(60), count: 10))
        fastRun.start()
        let fast = await Self.finish(fastRun)
        let slow = await Self.finish(slowRun)

        for side in slow.targets {
            #expect(side.slow == 4 && side.sent == 4, "\(side.label): \(side.slow) slow of \(side.sent)")
            #expect(side.served == 4, "\(side.label): slow customers under the header timeout get their cups")
            // Latency from the planned arrival includes the 12 s of ordering.
            #expect(side.corrected.p50Ms >= 12_000, "\(side.label) slow p50 \(side.corrected.p50Ms)")
        }
        let syncFast = try #require(fast.targets.first { $0.label == "sync" })
        let asyncFast = try #require(fast.targets.first { $0.label == "async" })
        #expect(syncFast.slow == 0 && syncFast.served == 10 && asyncFast.served == 10)
        // Sync: every barista was reading a slow order, so the fast customers queued at the door behind them
        // (how long depends on how much of the slow 12 s was left when they came: at least several brews).
        #expect(syncFast.corrected.p50Ms > 400, "sync fast p50 \(syncFast.corrected.p50Ms) ms for a 100 ms brew")
        // Async: the slow orders cost the loop nothing; the fast ones get their cups at brew time.
        #expect(asyncFast.corrected.p50Ms < 1000, "async fast p50 \(asyncFast.corrected.p50Ms) ms for a 100 ms brew")
        #expect(asyncFast.corrected.p50Ms * 3 < syncFast.corrected.p50Ms)
    }

    @Test("a slow customer slower than the header timeout is turned down with 408 by both cafés")
    func headerTimeoutEndsThem() async throws {
        let sync = try Self.syncCafe(workers: 2, headerTimeout: .seconds(1))
        let async = try Self.asyncCafe(headerTimeout: .seconds(1))
        defer {
            sync.shutdown()
            async.shutdown()
        }
        let targets = [
            try LoadTarget(url: "http://127.0.0.1:\(sync.port)", label: "sync"),
            try LoadTarget(url: "http://127.0.0.1:\(async.port)", label: "async"),
        ]
        let run = try LoadRun(
            targets: targets,
            plan: LoadPlan(
                arrivals: .constant(try Rate.parse("20/s")), order: Order(milliseconds: 10),
                patience: .seconds(60), count: 2, slowShare: 1, slowFor: .seconds(4)))
        run.start()
        let snapshot = await Self.finish(run)
        for side in snapshot.targets {
            #expect(side.slow == 2, "\(side.label)")
            #expect(side.statusCounts[408] == 2, "\(side.label): \(side.statusCounts) \(side.errors)")
            #expect(side.refused == 2 && side.served == 0 && side.errorCount == 0, "\(side.label): \(side.errors)")
            #expect(side.inFlight.total == 0)
        }
        for customer in snapshot.recentCustomers {
            #expect(customer.outcomes == [.refused, .refused])
            #expect(customer.status == [408, 408])
        }
        // The sync baristas are free again once the timeout ended the orders.
        let idle = await eventually { sync.stats().workers.allSatisfy { $0.state == .idle } }
        #expect(idle, "\(sync.stats().workers.map(\.state))")
    }

    @Test("a slow customer who runs out of patience walks out mid-order, and its connection closes")
    func patienceStillApplies() async throws {
        let async = try Self.asyncCafe()
        defer { async.shutdown() }
        let run = try LoadRun(
            targets: [try LoadTarget(url: "http://127.0.0.1:\(async.port)", label: "async")],
            plan: LoadPlan(
                arrivals: .constant(try Rate.parse("20/s")), order: Order(milliseconds: 10),
                patience: .milliseconds(500), count: 3, slowShare: 1, slowFor: .seconds(5)))
        run.start()
        let snapshot = await Self.finish(run)
        let side = try #require(snapshot.targets.first)
        #expect(side.walkedOut == 3 && side.served == 0 && side.slow == 3, "\(side)")
        let gone = await eventually { async.stats().phaseCounts?.parsing == 0 }
        #expect(gone, "the café saw the walked-out customers leave: \(String(describing: async.stats().phaseCounts))")
    }
}

@Suite("Static customers (nginx's files): which ones, and where they go", .onOwnThreads)
struct StaticCustomerTests {
    @Test("the share is spread evenly and fixed by the seed, apart from the slow ones")
    func spread() {
        let plan = LoadPlan(slowShare: 0.3, slowSeed: 7)
        var files = plan
        files.staticShare = 0.3
        let asking = (1...100).filter { files.isStatic(customer: $0) }
        #expect(asking.count == 30)
        #expect((1...100).filter { plan.isStatic(customer: $0) }.isEmpty, "no share, nobody")
        #expect(asking != (1...100).filter { plan.isSlow(customer: $0) }, "not the same customers as the slow ones")
    }

    @Test("a target takes everyone, only the static customers, or all but them")
    func split() {
        #expect(
            LoadTarget.StaticSplit.everyone.takes(static: true) && LoadTarget.StaticSplit.everyone.takes(static: false))
        #expect(
            LoadTarget.StaticSplit.staticOnly.takes(static: true)
                && !LoadTarget.StaticSplit.staticOnly.takes(static: false))
        #expect(
            !LoadTarget.StaticSplit.dynamicOnly.takes(static: true)
                && LoadTarget.StaticSplit.dynamicOnly.takes(static: false))
    }
}
