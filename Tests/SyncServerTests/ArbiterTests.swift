import CafeHTTP
import CafeModel
import Foundation
import TestSupport
import Testing

@testable import SyncServer

/// The arbiter, gunicorn's: signals queue, one loop reacts; stuck workers are murdered and replaced.
@Suite("The sync café's arbiter keeps the pool (gunicorn's arbiter.py)", .serialized, .onOwnThreads)
struct ArbiterTests {
    @Test("SIGTTIN and SIGTTOU add and remove one barista each, never fewer than one")
    func ttinTtou() async throws {
        try await withSyncCafe(workers: 2) { cafe, admin in
            cafe.addWorker()
            cafe.addWorker()
            let grown = try await admin.waitFor { $0.workers.count == 4 && $0.config.workers == 4 }
            #expect(grown.workers.map(\.id) == [0, 1, 2, 3], "new baristas take the next places")
            #expect(cafe.targetWorkers == 4)
            for _ in 0..<6 { cafe.removeWorker() }
            let shrunk = try await admin.waitFor { $0.workers.count == 1 && $0.config.workers == 1 }
            #expect(shrunk.workers.map(\.id) == [0], "the newest leave first; one barista always stays")
            #expect(cafe.targetWorkers == 1)
            #expect(try OneShotClient(port: cafe.port).get("/brew?ms=1").status == 200)
        }
    }

    @Test("a stuck barista is murdered and replaced at its own place; the others keep serving")
    func murderAndReplace() async throws {
        // A 2 s --timeout: the brewing barista is seen blocked before it is murdered, however late the test looks.
        try await withSyncCafe(workers: 2, timeout: .seconds(2)) { cafe, admin in
            let stuck = BackgroundWork {
                Result { try OneShotClient(port: cafe.port, timeout: .seconds(60)).get("/brew?ms=30000") }
            }
            let brewing = try await admin.waitFor { $0.workers.contains { $0.state == .blocked } }
            let victim = try #require(brewing.workers.first { $0.state == .blocked }?.id)
            let cutOff = await stuck.value
            #expect(throws: OneShotClient.Failure.closedWithoutReply) { try cutOff.get() }
            let after = try await admin.waitFor {
                $0.counters.timedOutWorkers == 1 && $0.workers.count == 2 && $0.workers.allSatisfy { $0.state == .idle }
            }
            #expect(after.counters.timedOutWorkers == 1)
            #expect(after.workers.map(\.id) == [0, 1], "the replacement takes barista \(victim)'s place")
            #expect(after.workers.allSatisfy { $0.state == .idle })
            let cups = await Customers.order(4, path: "/brew?ms=20&kind=io", port: cafe.port)
            #expect(cups.succeeded == 4)
            #expect(try admin.stats().counters.timedOutWorkers == 1, "quick cups are never murdered")
        }
    }

    @Test("a retired barista finishes the cup in hand before leaving")
    func retiredFinishesItsCup() async throws {
        try await withSyncCafe(workers: 2) { cafe, admin in
            let cups = BackgroundWork { Customers.order(2, path: "/brew?ms=1500&kind=io", port: cafe.port) }
            _ = try await admin.waitFor { $0.workers.filter { $0.state == .blocked }.count == 2 }
            #expect(try admin.control("workers=1").status == 200)
            #expect(cafe.targetWorkers == 1)
            let served = await cups.value
            #expect(served.succeeded == 2, "both cups handed over, the retired barista's too")
            let after = try await admin.waitFor { $0.workers.count == 1 }
            #expect(after.workers.map(\.id) == [0])
            #expect(after.counters.timedOutWorkers == 0)
        }
    }
}

@Suite("The arbiter's inbox (gunicorn's SIG_QUEUE)")
struct ArbiterInboxTests {
    @Test("signals come out in the order they were queued, each once")
    func order() {
        let inbox = ArbiterInbox()
        inbox.put(.ttin)
        inbox.put(.ttou)
        inbox.put(.ttin)
        #expect(inbox.waitForSignals(timeout: .seconds(30)) == [.ttin, .ttou, .ttin])
        #expect(inbox.waitForSignals(timeout: .milliseconds(1)).isEmpty)
    }

    @Test("a wake-up ends the arbiter's wait with no signal")
    func wakeUp() {
        let inbox = ArbiterInbox()
        let clock = ContinuousClock()
        let started = clock.now
        inbox.wakeUp()
        #expect(inbox.waitForSignals(timeout: .seconds(60)).isEmpty)
        #expect(started.duration(to: clock.now) < .seconds(30), "woken, not timed out")
    }
}
