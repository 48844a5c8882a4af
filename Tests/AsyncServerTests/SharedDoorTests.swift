import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Several loops, one door, as gunicorn's uvicorn workers share one listening socket: each loop takes customers in
/// by itself while it is free.
@Suite("Several loops share one door", .serialized, .onOwnThreads)
struct SharedDoorTests {
    @Test("two loops, block: while a 3 s brew blocks one loop, ten 10 ms orders are served by the free one within 1 s")
    func freeLoopTakesEveryone() async throws {
        try await withAsyncCafe({
            $0.loops = 2; $0.handler = .block
        }) { cafe, admin in
            var stuckLoop = -1
            let outcome = try await BlockedLoopProbe.run(
                port: cafe.port, block: "/brew?ms=3000&kind=io", order: "/brew?ms=10&kind=io"
            ) {
                let stats = try await admin.waitFor { $0.loops.contains { $0.state == .blocked } }
                stuckLoop = stats.loops.first { $0.state == .blocked }?.id ?? -1
            }
            #expect(outcome.served(within: .seconds(1)) == 10, "\(outcome.summary)")
            #expect(outcome.blockerStatus == 200)
            // Counted by the café: the blocked loop took in its one customer, the free loop the ten.
            let loops = cafe.stats().loops
            #expect(loops.first { $0.id == stuckLoop }?.accepted == 1)
            #expect(loops.first { $0.id != stuckLoop }?.accepted == 10)
        }
    }

    @Test("customers a loop took in before it blocked wait with it, counted on its slate")
    func customersStuckWithTheLoop() async throws {
        try await withAsyncCafe({
            $0.loops = 1; $0.handler = .block
        }) { cafe, admin in
            let client = OneShotClient(port: cafe.port, timeout: .seconds(20))
            let customers = try (0..<3).map { _ in try client.connect() }
            defer { customers.forEach { close($0) } }
            try await admin.waitFor { $0.counters.accepted == 3 }
            for (index, fd) in customers.enumerated() {
                sendText(fd, "GET /brew?ms=\(index == 0 ? 1500 : 10) HTTP/1.1\r\nHost: x\r\n\r\n")
            }
            let blocked = try await admin.waitFor { $0.loops.first?.state == .blocked }
            #expect(blocked.loops.first?.customers == 3)
            for fd in customers { #expect(try client.readReply(fd).status == 200) }
        }
    }

    @Test("four loops racing for each newcomer: every wake-up with nothing left to accept is harmless (debug build)")
    func emptyWakeUpsAreHarmless() async throws {
        try await withAsyncCafe({ $0.loops = 4 }) { cafe, admin in
            // Every loop's watcher wakes for every newcomer and most find the queue empty: the case that tripped
            // NIO's `readResult == .some` assertion with one server channel per loop. Bursts make it common.
            var served = 0
            for _ in 0..<5 {
                served += await Customers.order(40, path: "/brew?ms=5&kind=io", port: cafe.port).succeeded
            }
            #expect(served == 200)
            // Each customer is gone once its connection has closed on the café's side too (just after the answer).
            let loops = try await admin.waitFor { $0.loops.allSatisfy { $0.customers == 0 } }.loops
            #expect(loops.reduce(0) { $0 + ($1.accepted ?? 0) } == 200)
            #expect(loops.allSatisfy { $0.customers == 0 })
        }
    }

    @Test("reuseport: one door per loop, counted per loop, and the kernel puts customers at a blocked loop's door too")
    func reusePortDoors() async throws {
        try await withAsyncCafe({
            $0.loops = 2; $0.handler = .block; $0.door = .reuseport
        }) { cafe, admin in
            let first = try admin.stats()
            #expect(first.config.door == .reuseport)
            #expect(first.loops.allSatisfy { $0.doorQueue == 0 })
            let client = OneShotClient(port: cafe.port, timeout: .seconds(30))
            let blocker = try client.connect()
            defer { close(blocker) }
            // Written inline: through `sendText` here, Swift 6.3.1's SendNonSendable pass crashes (map::at).
            let request = Array("GET /brew?ms=2000 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(blocker, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            let blocked = try await admin.waitFor { $0.loops.contains { $0.state == .blocked } }
            let stuck = try #require(blocked.loops.first { $0.state == .blocked }?.id)
            // Twenty newcomers who do not order: the kernel hashes each onto one loop's queue (all twenty onto the
            // free loop's one time in a million); the blocked loop cannot take in the ones at its door.
            let waiting = try (0..<20).map { _ in try client.connect() }
            defer { waiting.forEach { close($0) } }
            let stats = try await admin.waitFor { $0.loops.first { $0.id == stuck }?.doorQueue ?? 0 > 0 }
            let atStuckDoor = stats.loops.first { $0.id == stuck }?.doorQueue ?? 0
            #expect(atStuckDoor > 0)
            #expect(stats.acceptQueue?.length ?? 0 >= atStuckDoor)
            #expect(try client.readReply(blocker).status == 200)
        }
    }

    @Test("reuseport on a port already taken: the same one-line error as a shared door")
    func reusePortOnATakenPort() throws {
        try withAsyncCafe({ $0.loops = 1 }) { cafe, _ in
            var configuration = AsyncCafeConfiguration()
            configuration.port = cafe.port
            configuration.adminPort = 0
            configuration.loops = 2
            configuration.door = .reuseport
            #expect(throws: ServeError.portInUse(cafe.port)) { _ = try AsyncCafe(configuration: configuration) }
        }
    }
}
