import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveRunners {
    /// Any HTTP server in a pane, seen from outside: the client's view, the door from the kernel's socket table, the
    /// full view when it answers barista's `/stats`, and keys that need `/control` saying they are not available.
    @Suite("Outside servers in the panes", .serialized)
    struct OutsideCafeTests {
        private func start(
            _ configure: (inout ShowOptions) -> Void,
            scenario: Scenario = Scenario(ratePerSecond: 20, arrivals: .constant)
        )
            throws -> ScenarioRunner
        {
            var options = ShowOptions(scenario: scenario, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
            configure(&options)
            return try ScenarioRunner(options: options)
        }

        @Test("a server that never accepts: 5 clients connected, the door drawn from the kernel is 5")
        func doorFromTheKernel() async throws {
            let server = NeverAcceptingServer(backlog: 16)
            let runner = try start(
                { $0.syncURL = "http://127.0.0.1:\(server.port)" },
                scenario: Scenario(ratePerSecond: 20, paused: true))
            defer { runner.shutdown() }
            server.connectClients(5)
            let frame = await frame(of: runner) { $0.sync.doorQueue == 5 && $0.async.loops.count == 1 }
            #expect(frame.sync.doorQueue == 5, "the kernel's accept queue of the listener")
            #expect(frame.sync.doorCapacity == 16, "its backlog, from the kernel too")
            let outside = try #require(frame.sync.outsideView)
            #expect(outside.doorFromKernel && !outside.hasStats)
            // The listener is this very process: the kernel shows its threads, so nothing is unknown.
            #expect(outside.insideFromKernel && outside.unknownRows == [])
            #expect(frame.sync.insideView?.processes.first?.pid == getpid(), "the socket's owner, found by its inode")
            #expect(outside.url.hasPrefix("http://127.0.0.1:\(server.port)/brew?ms=100"))
            #expect(frame.syncURL == "http://127.0.0.1:\(server.port)")
            #expect(frame.async.outsideView == nil && frame.async.loops.count == 1, "the other side is barista's café")
        }

        @Test("a barista café started by hand: the outside view from its URL, the full view with its admin port")
        func cafeStartedByHand() async throws {
            let cafe = try await ServeProcessHandle.start([
                "serve", "sync", "--port", "0", "--admin-port", "0", "--workers", "2",
            ])
            let outsideOnly = try start { $0.syncURL = "http://127.0.0.1:\(cafe.port)" }
            let seen = await frame(of: outsideOnly) { $0.sync.served >= 10 }
            outsideOnly.shutdown()
            #expect(seen.sync.served >= 10, "the client's view: cups served")
            #expect(seen.sync.baristas.isEmpty, "no /stats: no baristas drawn from the café's own words")
            #expect(seen.sync.outsideView?.doorFromKernel == true)
            // Its process is this user's: found from the listening socket's inode, its worker threads seen from the
            // kernel (the café names them for it), without asking the café anything.
            #expect(seen.sync.insideView?.processes.first?.pid == cafe.pid, "the owner of the --sync-url's socket")
            #expect(seen.sync.insideView?.threads.filter { $0.name.hasPrefix("sync-worker") }.count == 2)
            #expect(seen.sync.outsideView?.insideFromKernel == true && seen.sync.outsideView?.barIsUnknown == false)

            let full = try start {
                $0.syncURL = "http://127.0.0.1:\(cafe.port)"
                $0.syncStatsPort = cafe.adminPort
            }
            defer { full.shutdown() }
            let frame = await frame(of: full) { $0.sync.baristas.count == 2 && $0.sync.served > 0 }
            #expect(frame.sync.baristas.count == 2, "server view from /stats")
            #expect(frame.sync.outsideView?.hasStats == true && frame.sync.outsideView?.unknownRows == [])
        }

        @Test("a path template follows the brew keys; keys that need /control say they are not available")
        func keysOnAnOutsideServer() async throws {
            let cafe = try await ServeProcessHandle.start(["serve", "async", "--port", "0", "--admin-port", "0"])
            let runner = try start {
                $0.syncURL = "http://127.0.0.1:\(cafe.port)"
                $0.asyncURL = "http://127.0.0.1:\(cafe.port)"
                $0.pathTemplate = "/brew?ms={ms}&kind={kind}"
            }
            defer { runner.shutdown() }
            runner.perform(.setBrew(milliseconds: 40))
            let frame = await frame(of: runner) { $0.sync.served >= 5 }
            #expect(frame.sync.outsideView?.url == "http://127.0.0.1:\(cafe.port)/brew?ms=40&kind=io")
            #expect(frame.sync.waitP50Ms.map { $0 >= 40 } == true, "the café really brews what the template asks")

            runner.perform(.workersUp)
            #expect(runner.scenario.syncWorkers == 4, "an outside server's baristas are not barista's to change")
            #expect(runner.frame().notice?.contains("not available for an outside server") == true)
            runner.perform(.cycleHandler)
            #expect(runner.scenario.asyncHandler == .await)
            #expect(runner.frame().notice?.hasPrefix("async handler: not available for an outside server") == true)
        }
    }
}
