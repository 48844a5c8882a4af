import CafeHTTP
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("barista serve async, the command", .serialized, .onOwnThreads)
struct ServeAsyncCommandTests {
    @Test("prints one ready line, serves, switches handler through /control, and exits 0 on SIGTERM")
    func readyServeControlStop() async throws {
        let cafe = try await ServeProcessHandle.start([
            "serve", "async", "--port", "0", "--handler", "block", "--loops", "2",
        ])
        let admin = AdminClient(port: cafe.adminPort)
        let stats = try admin.stats()
        #expect(stats.cafe == .async)
        #expect(stats.config.handler == .block)
        #expect(stats.loops.count == 2)
        #expect(try OneShotClient(port: cafe.port, timeout: .seconds(10)).get("/brew?ms=10").status == 200)
        #expect(try admin.control("handler=await").status == 200)
        #expect(try await admin.waitFor { $0.config.handler == .await }.config.handler == .await)
        cafe.signal(SIGTERM)
        #expect(await cafe.waitForExit() == 0)
    }

    @Test("--door reuseport: one door per loop on /stats; /control says the door needs a restart")
    func reusePortDoor() async throws {
        let cafe = try await ServeProcessHandle.start([
            "serve", "async", "--port", "0", "--loops", "2", "--door", "reuseport",
        ])
        let admin = AdminClient(port: cafe.adminPort)
        let stats = try admin.stats()
        #expect(stats.config.door == .reuseport)
        #expect(stats.loops.count == 2 && stats.loops.allSatisfy { $0.doorQueue == 0 })
        #expect(try OneShotClient(port: cafe.port, timeout: .seconds(10)).get("/brew?ms=10").status == 200)
        let refused = try admin.control("door=shared")
        #expect(refused.status == 400)
        #expect(refused.body.contains("restart the café"))
        cafe.signal(SIGTERM)
        #expect(await cafe.waitForExit() == 0)
    }

    @Test("SIGTERM lets an awaited brew finish, then exits 0")
    func gracefulStop() async throws {
        let cafe = try await ServeProcessHandle.start(["serve", "async", "--port", "0"])
        let admin = AdminClient(port: cafe.adminPort)
        let port = cafe.port
        // A thread of its own, not a Task: the customer must not wait for a free slot in the test's thread pool.
        let status = Mutex<Int?>(nil)
        let answered = DispatchSemaphore(value: 0)
        Thread {
            let reply = try? OneShotClient(port: port, timeout: .seconds(10)).get("/brew?ms=600")
            status.withLock { $0 = reply?.status }
            answered.signal()
        }.start()
        #expect(try await admin.waitFor { $0.loops.first?.awaiting == 1 }.loops.first?.awaiting == 1)
        cafe.signal(SIGTERM)
        _ = answered.wait(timeout: .now() + 15)
        #expect(status.withLock { $0 } == 200, "the customer gets the cup being brewed")
        #expect(await cafe.waitForExit() == 0)
    }

    @Test("a busy port: exit code 2 and one line naming the port and the flag")
    func busyPort() async throws {
        let first = try await ServeProcessHandle.start(["serve", "async", "--port", "0"])
        let result = try await ServeProcessHandle.run(["serve", "async", "--port", String(first.port)])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("port \(first.port) is already in use"))
        first.signal(SIGTERM)
        _ = await first.waitForExit()
    }

    @Test(
        "bad flags: one line, exit code 2",
        arguments: [
            ["serve", "async", "--handler", "sleep"], ["serve", "async", "--loops", "0"],
            ["serve", "async", "--offload-threads", "0"], ["serve", "async", "--limit-concurrency", "0"],
            ["serve", "async", "--door", "split"],
        ])
    func badFlags(arguments: [String]) async throws {
        let result = try await ServeProcessHandle.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
