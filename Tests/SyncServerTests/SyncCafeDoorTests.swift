import CafeHTTP
import CafeModel
import Foundation
import SyncServer
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The sync café's /stats tells the truth about the door", .serialized, .onOwnThreads)
struct SyncCafeDoorTests {
    @Test("customers who leave while still in the accept queue show as gone")
    func goneFromTheDoor() async throws {
        // A loopback address of its own: another test's client still dialling 127.0.0.1 at a port number the kernel
        // gave out before cannot join the counted door.
        try await withSyncCafe(workers: 1, host: "127.0.0.2") { cafe, admin in
            let client = OneShotClient(host: "127.0.0.2", port: cafe.port, timeout: .seconds(20))
            let blocker = try client.connect()
            defer { close(blocker) }
            // A brew far longer than the waits below: on a busy machine a 3 s brew could end first, and the
            // barista would take the waiting customers out of the queue being counted.
            sendText(blocker, "GET /brew?ms=60000 HTTP/1.1\r\nHost: x\r\n\r\n")
            try await admin.waitFor { $0.workers.first?.state == .blocked }
            var waiting = try (0..<4).map { _ in try client.connect() }
            defer { waiting.forEach { close($0) } }
            for _ in 0..<2 { close(waiting.removeLast()) }
            let stats = try await admin.waitFor { $0.acceptQueue?.gone == 2 && $0.acceptQueue?.length == 4 }
            #expect(stats.acceptQueue?.gone == 2)
            #expect(stats.acceptQueue?.length == 4)
        }
    }

    @Test("300 customers still ordering are all counted in phase_counts, beyond the 256 listed")
    func phaseCountsBeyondTheList() async throws {
        try await withSyncCafe(workers: 300) { cafe, admin in
            let client = OneShotClient(port: cafe.port, timeout: .seconds(30))
            let customers = try (0..<300).map { _ in try client.connect() }
            defer { customers.forEach { close($0) } }
            for fd in customers { sendText(fd, "GET /brew?ms=1 HTTP/1.1\r\n") }
            let stats = try await admin.waitFor(timeout: .seconds(30)) { $0.phaseCounts?.parsing == 300 }
            #expect(stats.phaseCounts?.parsing == 300)
            #expect(stats.phaseCounts?.total == 300)
            #expect(stats.inProgressCount == 300)
            #expect(stats.inProgress.count == ServerStats.inProgressLimit)
        }
    }

    @Test("a customer who walks out mid-brew is counted as brewed for nobody, not as served")
    func walkOutMidBrew() async throws {
        try await withSyncCafe(workers: 1) { cafe, admin in
            let fd = try OneShotClient(port: cafe.port, timeout: .seconds(10)).connect()
            // A brew long enough that the walk-out below comes mid-brew however late this test looks.
            sendText(fd, "GET /brew?ms=3000 HTTP/1.1\r\nHost: x\r\n\r\n")
            try await admin.waitFor { $0.workers.first?.state == .blocked }
            close(fd)
            let stats = try await admin.waitFor { $0.counters.servedAfterWalkOut == 1 }
            #expect(stats.counters.servedAfterWalkOut == 1)
            #expect(stats.counters.status2xx == 0)
        }
    }
}
