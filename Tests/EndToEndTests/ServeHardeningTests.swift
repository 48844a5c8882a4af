import CafeHTTP
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveShows {
    @Suite("barista serve, hardened: signals, shutdown order, out of descriptors, flags", .serialized)
    struct ServeHardeningTests {
        /// Opens `count` connections that each order `path`, and keeps them open until the test ends.
        private func orders(_ count: Int, path: String, port: Int) throws -> [Int32] {
            let client = OneShotClient(port: port, timeout: .seconds(20))
            return try (0..<count).map { _ in
                let fd = try client.connect()
                sendText(fd, "GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
                return fd
            }
        }

        @Test("SIGTERM in offload mode with customers in the back room's line: the loops outlive the back room")
        func offloadShutdownOrder() async throws {
            let cafe = try await ServeProcessHandle.start([
                "serve", "async", "--port", "0", "--handler", "offload", "--offload-threads", "1",
            ])
            let admin = AdminClient(port: cafe.adminPort)
            let customers = try orders(6, path: "/brew?ms=1500", port: cafe.port)
            defer { customers.forEach { close($0) } }
            let busy = try await admin.waitFor { ($0.offload?.busy ?? 0) == 1 && ($0.offload?.waiting ?? 0) == 5 }
            #expect(busy.offload?.waiting == 5)
            cafe.signal(SIGTERM)
            #expect(await cafe.waitForExit(timeout: .seconds(20)) == 0)
            let stderr = cafe.stderrText()
            #expect(!stderr.contains("Cannot schedule tasks"), "\(stderr)")
            #expect(!stderr.contains("shut down"), "\(stderr)")
        }

        @Test("SIGQUIT stops a café like SIGTERM: exit 0, no backtrace", arguments: ["sync", "async"])
        func sigquit(cafeKind: String) async throws {
            let cafe = try await ServeProcessHandle.start(["serve", cafeKind, "--port", "0"])
            #expect(try OneShotClient(port: cafe.port, timeout: .seconds(10)).get("/").status == 200)
            cafe.signal(SIGQUIT)
            #expect(await cafe.waitForExit(timeout: .seconds(20)) == 0)
            #expect(!cafe.stderrText().contains("Backtrace"))
        }

        @Test(
            "a negative number says it is negative, not 'Missing value'",
            arguments: [
                ["serve", "sync", "--workers", "-3"], ["serve", "async", "--loops", "-1"],
                ["serve", "async", "--port", "-5"],
            ])
        func negativeFlag(arguments: [String]) async throws {
            let (status, stderr) = try await ServeProcessHandle.run(arguments)
            #expect(status == 2)
            #expect(stderr.contains("negative"), "\(stderr)")
            #expect(!stderr.contains("Missing value"))
        }

        @Test(
            "out of descriptors: the café backs off instead of spinning, /stats answers, and it serves again",
            arguments: [["serve", "async", "--port", "0"], ["serve", "sync", "--port", "0", "--workers", "120"]])
        func outOfDescriptors(arguments: [String]) async throws {
            let cafe = try await ServeProcessHandle.start(arguments + ["--header-timeout", "60s"], openFileLimit: 64)
            let admin = AdminClient(port: cafe.adminPort)
            // Each customer starts an order and never finishes it: every one the café lets in holds a descriptor.
            var customers: [Int32] = []
            let client = OneShotClient(port: cafe.port, timeout: .seconds(20))
            for _ in 0..<100 {
                let fd = try client.connect()
                sendText(fd, "GET /brew?ms=1 HTTP/1.1\r\n")
                customers.append(fd)
            }
            defer { customers.forEach { close($0) } }
            let jammed = try await admin.waitFor { ($0.acceptErrors ?? 0) > 0 }
            #expect((jammed.acceptErrors ?? 0) > 0)
            // Over two seconds of jam, the café uses a part of one core (a spinning loop uses all of it). The bound
            // leaves room for a busy machine: answering /stats 50 times a second costs the café CPU too.
            let first = try admin.stats()
            let later = try await admin.waitFor { $0.uptimeMs - first.uptimeMs >= 2000 }
            let share = (later.cpuSeconds - first.cpuSeconds) / ((later.uptimeMs - first.uptimeMs) / 1000)
            #expect(share < 0.6, "CPU share while jammed: \(share)")
            #expect(later.acceptErrors ?? 0 > 0)
            let paused = try await admin.waitFor { $0.acceptPausedReason != nil }
            #expect(paused.acceptPausedReason?.contains("EMFILE") == true)
            // Each /stats is a new connection, paid for with a spare descriptor: were the door to take the ones set
            // free, /stats would go dark until the customers leave.
            let answered = (0..<100).prefix { _ in (try? admin.stats()) != nil }.count
            #expect(answered == 100, "/stats answered \(answered) times in a row while the door was jammed")
            // The customers leave; the door opens again and a new customer is served.
            customers.forEach { close($0) }
            customers.removeAll()
            let status = await eventually(
                within: .seconds(20),
                {
                    try? OneShotClient(port: cafe.port, timeout: .seconds(5)).get("/brew?ms=1").status
                }, until: { $0 == 200 })
            #expect(status == 200)
            cafe.signal(SIGTERM)
            #expect(await cafe.waitForExit(timeout: .seconds(20)) == 0)
            #expect(cafe.stderrText().contains("door jammed: out of file descriptors (EMFILE)"))
        }

        @Test("--timeout 0s is refused in one line (0 would kill every brew), exit 2")
        func zeroTimeout() async throws {
            let (status, stderr) = try await ServeProcessHandle.run(["serve", "sync", "--timeout", "0s"])
            #expect(status == 2)
            #expect(stderr.hasPrefix("barista: --timeout must be above 0"), "\(stderr)")
            #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        }

        @Test(
            "a café on IPv6 loopback opens, says so without a network warning, and prints a URL that works",
            arguments: ["sync", "async"])
        func ipv6Loopback(cafeKind: String) async throws {
            let cafe = try await ServeProcessHandle.start(["serve", cafeKind, "--host", "::1", "--port", "0"])
            #expect(try AdminClient(port: cafe.adminPort).stats().config.port == cafe.port)
            #expect(try OneShotClient(host: "::1", port: cafe.port, timeout: .seconds(10)).get("/").status == 200)
            cafe.signal(SIGTERM)
            #expect(await cafe.waitForExit(timeout: .seconds(20)) == 0)
            let stderr = cafe.stderrText()
            #expect(stderr.contains("http://[::1]:\(cafe.port)/"), "\(stderr)")
            #expect(!stderr.contains("other machines"), "\(stderr)")
        }
    }
}
