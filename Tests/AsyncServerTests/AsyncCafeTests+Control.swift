import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The café changed while it runs (/control, the concurrency limit) and its door seen from outside; the same suite.
extension AsyncCafeTests {
    @Test("--limit-concurrency 10: beyond 10 requests in progress, 503 at once")
    func limitConcurrency() throws {
        try withCafe({ $0.limitConcurrency = 10 }) { cafe in
            let outcome = Crowd(port: cafe.port, count: 30, path: "/brew?ms=1000&kind=io").order()
            #expect(outcome.count(200) == 10)
            #expect(outcome.count(503) == 20)
            let counters = cafe.stats().counters
            #expect(counters.rejected == 20)
            #expect(counters.status5xx == 20)
        }
    }

    @Test("/control sets the limit while the café runs, counting the brews already in progress, and lifts it")
    func limitSetLive() async throws {
        try await withCafe { cafe in
            #expect(cafe.stats().config.limitConcurrency == nil)
            // Three brews already in progress when the limit of 5 comes: only 2 more get in.
            var limited: Crowd.Outcome?
            let early = await Crowd(port: cafe.port, count: 3, path: "/brew?ms=5000&kind=io").order {
                await eventually { cafe.stats().inProgressCount >= 3 }
                _ = cafe.control(ControlRequest(limitConcurrency: 5))
                limited = Crowd(port: cafe.port, count: 6, path: "/brew?ms=1000&kind=io").order()
            }
            #expect(cafe.stats().config.limitConcurrency == 5)
            #expect(limited?.count(200) == 2 && limited?.count(503) == 4, "\(limited?.statuses ?? [])")
            #expect(early.count(200) == 3)
            _ = cafe.control(ControlRequest(limitConcurrency: 0))
            #expect(cafe.stats().config.limitConcurrency == nil)
            let lifted = Crowd(port: cafe.port, count: 6, path: "/brew?ms=300&kind=io").order()
            #expect(lifted.count(200) == 6)
        }
    }

    @Test("a blocked loop leaves new customers in the kernel's accept queue, which /stats shows")
    func acceptQueueWhileBlocked() async throws {
        try await withCafe({
            // A loopback address of its own: another test's client still dialling 127.0.0.1 at a port number the
            // kernel gave out before cannot join the counted door.
            $0.handler = .block; $0.backlog = 16; $0.host = "127.0.0.2"
        }) { cafe in
            #expect(cafe.stats().acceptQueue?.maximum == 16)
            let client = OneShotClient(host: "127.0.0.2", port: cafe.port, timeout: .seconds(20))
            let blocker = try client.connect()
            defer { close(blocker) }
            // A long brew: every look below happens while the loop is stuck, however slowly this test runs.
            sendText(blocker, "GET /brew?ms=6000 HTTP/1.1\r\nHost: x\r\n\r\n")
            // Wait until the loop is stuck, then five more customers arrive at the door.
            await eventually(every: .milliseconds(1)) { cafe.stats().loops.first?.state == .blocked }
            let waiting = try (0..<5).map { _ in try client.connect() }
            defer { waiting.forEach { close($0) } }
            let queue = cafe.stats().acceptQueue
            #expect(queue?.length == 5)
            // The probe cannot fire while the loop is stuck; /stats shows its lateness growing, live.
            let lag = await eventually(every: .milliseconds(1), { cafe.stats().loops.first?.lagMs ?? 0 }) { $0 >= 50 }
            #expect(lag >= 50)
            #expect(cafe.stats().loops.first?.state == .blocked)
            #expect(try client.readReply(blocker).status == 200)
        }
    }

    @Test("/control switches the handler and the helpers live, and refuses what it does not know")
    func control() throws {
        try withCafe { cafe in
            let admin = OneShotClient(port: cafe.adminPort, timeout: .seconds(20))
            let changed = try admin.get("/control?handler=offload&offload-threads=8", method: "POST")
            #expect(changed.status == 200)
            let stats = try ServerStats.decode(from: Data(admin.get("/stats").body.utf8))
            #expect(stats.cafe == .async)
            #expect(stats.config.handler == .offload)
            #expect(stats.offload?.threads == 8)
            #expect(try admin.get("/control?handler=sleep", method: "POST").status == 400)
            #expect(try admin.get("/control?workers=3", method: "POST").status == 400)
            #expect(cafe.handler == .offload)
        }
    }

    @Test("a port already in use is a one-line error")
    func portInUse() throws {
        try withCafe { cafe in
            var configuration = AsyncCafeConfiguration()
            configuration.port = cafe.port
            #expect(throws: ServeError.portInUse(cafe.port)) { try AsyncCafe(configuration: configuration) }
        }
    }
}
