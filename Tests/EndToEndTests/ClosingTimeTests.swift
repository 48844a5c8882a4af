import CafeHTTP
import CafeModel
import Foundation
import TestSupport
import Testing

/// SIGTERM closes a café the way gunicorn and uvicorn close: one line on stderr, the cups in progress finished
/// within `--graceful-timeout`, every other customer who ordered answered 503 with `Connection: close`, `/stats`
/// saying the café is closing — and no customer ever left with an empty end of file.
@Suite("Closing time: SIGTERM with cups in progress", .serialized, .onOwnThreads)
struct ClosingTimeTests {
    /// Customers ordering on threads of their own; each reply (or failure) kept.
    final class Orders: Sendable {
        let work: [BackgroundWork<Result<OneShotClient.Reply, OneShotClient.Failure>>]
        init(_ count: Int, host: String = "127.0.0.1", port: Int, path: String) {
            work = (0..<count).map { _ in
                BackgroundWork {
                    Result { () throws(OneShotClient.Failure) in
                        try OneShotClient(host: host, port: port, timeout: .seconds(40)).get(path)
                    }
                }
            }
        }
        func replies() async -> [Result<OneShotClient.Reply, OneShotClient.Failure>] {
            var all: [Result<OneShotClient.Reply, OneShotClient.Failure>] = []
            for item in work { all.append(await item.value) }
            return all
        }
    }

    static func brewing(_ stats: ServerStats) -> Int {
        (stats.phaseCounts?.blocked ?? 0) + (stats.phaseCounts?.awaiting ?? 0)
    }

    @Test(
        "the cups in progress are finished; new orders get 503 and Connection: close; /stats says closing",
        arguments: ["sync", "async"])
    func cupsFinished(kind: String) async throws {
        let extra = kind == "sync" ? ["--workers", "2"] : []
        // The café's customers are counted exactly: it opens at a loopback address of its own, which another test's
        // client still dialling 127.0.0.1 at a port number the kernel gave out before cannot reach.
        let host = "127.0.0.2"
        let cafe = try await ServeProcessHandle.start(
            ["serve", kind, "--host", host, "--port", "0", "--graceful-timeout", "20s"] + extra)
        let admin = AdminClient(port: cafe.adminPort)
        let cups = Orders(2, host: host, port: cafe.port, path: "/brew?ms=2500&kind=io")
        try await admin.waitFor(timeout: .seconds(20)) { Self.brewing($0) == 2 }
        // In from before closing time, ordering after it: queued at the door (sync, both baristas busy) or taken
        // in by the loop and idle (async).
        let waiting = try OneShotClient(host: host, port: cafe.port, timeout: .seconds(30)).connect()
        defer { close(waiting) }
        // Closing time closes the door, and the kernel resets whoever is still in its queue (uvicorn and gunicorn
        // alike): the customer this test follows must be inside first, taken in (async) or queued (sync).
        try await admin.waitFor(timeout: .seconds(20)) { stats in
            kind == "sync" ? stats.acceptQueue?.length == 1 : stats.counters.accepted == 3
        }
        cafe.signal(SIGTERM)
        let closing = try await admin.waitFor { $0.closing != nil }
        #expect(closing.closing?.graceMs == 20_000, "/stats says the café is closing, with its grace")
        sendText(waiting, "GET /brew?ms=10 HTTP/1.1\r\nHost: x\r\n\r\n")
        let port = cafe.port
        let late = try await onOwnThread {
            try OneShotClient(host: host, port: port, timeout: .seconds(30)).readReply(waiting)
        }
        #expect(late.status == 503 && late.header("Connection") == "close", "\(late.status) \(late.headers)")
        #expect(late.body.contains("closing"), "\(late.body)")
        for reply in await cups.replies() {
            #expect((try? reply.get().status) == 200, "a cup in progress is finished: \(reply)")
        }
        #expect(await cafe.waitForExit(timeout: .seconds(20)) == 0)
        let log = cafe.stderrText()
        #expect(log.contains("closing: 2 cups in progress, waiting up to 20 s"), "\(log)")
        #expect(!log.contains("closed:"), "every cup was done: \(log)")
    }

    @Test(
        "a cup still brewing when the grace runs out is answered 503 with Connection: close, not an empty EOF",
        arguments: ["sync", "async"])
    func graceRunsOut(kind: String) async throws {
        let cafe = try await ServeProcessHandle.start(["serve", kind, "--port", "0", "--graceful-timeout", "500ms"])
        let admin = AdminClient(port: cafe.adminPort)
        let cups = Orders(1, port: cafe.port, path: "/brew?ms=8000&kind=io")
        try await admin.waitFor(timeout: .seconds(20)) { Self.brewing($0) == 1 }
        let clock = ContinuousClock()
        let start = clock.now
        cafe.signal(SIGTERM)
        let reply = try #require(await cups.replies().first)
        let answer = try reply.get()
        #expect(answer.status == 503 && answer.header("Connection") == "close", "\(answer.status) \(answer.headers)")
        #expect(answer.body.contains("grace ran out"), "\(answer.body)")
        #expect(start.duration(to: clock.now) < .seconds(6), "answered at the grace's end, not the brew's")
        #expect(await cafe.waitForExit(timeout: .seconds(10)) == 0)
        let log = cafe.stderrText()
        #expect(log.contains("closing: 1 cup in progress, waiting up to 500 ms"), "\(log)")
        #expect(log.contains("closed: 1 cup not done within the grace answered 503"), "\(log)")
    }

    @Test("a cup for a customer who has already left is not waited for", arguments: ["sync", "async"])
    func walkedOutNotWaitedFor(kind: String) async throws {
        let cafe = try await ServeProcessHandle.start(["serve", kind, "--port", "0", "--graceful-timeout", "20s"])
        let admin = AdminClient(port: cafe.adminPort)
        let gone = try OneShotClient(port: cafe.port).connect()
        sendText(gone, "GET /brew?ms=30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await admin.waitFor(timeout: .seconds(20)) { Self.brewing($0) == 1 }
        close(gone)
        await pause(for: .milliseconds(200))
        let clock = ContinuousClock()
        let start = clock.now
        cafe.signal(SIGTERM)
        #expect(await cafe.waitForExit(timeout: .seconds(15)) == 0)
        #expect(start.duration(to: clock.now) < .seconds(10), "closing did not wait out the 20 s grace for nobody")
        let log = cafe.stderrText()
        #expect(log.contains("closing: 1 cup in progress") && !log.contains("closed:"), "\(log)")
    }

    @Test("--graceful-timeout must be 0 or more, with a unit", arguments: [["-1s"], ["soon"]])
    func badGrace(value: [String]) async throws {
        let result = try await ServeProcessHandle.run(["serve", "sync", "--graceful-timeout"] + value)
        #expect(result.status == 2 && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("--graceful-timeout"), "\(result.stderr)")
    }
}
