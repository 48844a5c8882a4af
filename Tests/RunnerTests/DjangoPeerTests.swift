import CafeHTTP
import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveRunners {
    /// The real Django project in the panes (`--peers django`), started with the seed's commands: the sync workers,
    /// the async views, the blocking mistake, SynchronousOnlyOperation, a sync middleware, and the threads Django gives
    /// each request under ASGI, seen by the kernel. Needs the pinned Django (`PeerPython.hasDjango`); `.ci/run`
    /// installs it.
    @Suite(
        "Django for real: the seed's commands as the cafés", .serialized,
        .enabled(if: PeerPython.hasDjango, PeerPython.howToEnableDjango))
    struct DjangoPeerTests {
        @Test(
            "60/s of 100 ms io: gunicorn cafe.wsgi -w 4 serves 4 ÷ brew, async def brew follows, brew_blocking falls to 1 loop ÷ brew"
        )
        func sameShape() async throws {
            let runner = try startPeers(
                apps: .django,
                Scenario(
                    ratePerSecond: 60, arrivals: .constant, brewMilliseconds: 100, syncWorkers: 4,
                    patience: .seconds(120)))
            let groups = [runner.syncCafe?.pid, runner.asyncCafe?.pid].compactMap { $0 }
            #expect(groups.count == 2)
            defer {
                runner.shutdown()
                #expect(gone(groups), "no Python process of the run is left")
            }
            let first = runner.frame()
            #expect(first.sync.outsideView?.server == "gunicorn cafe.wsgi -w 4", "the pane names the command as typed")
            #expect(first.async.outsideView?.server == "uvicorn cafe.asgi:application")
            #expect(
                first.async.outsideView?.url.contains("/async/brew?") == true,
                "async def brew: \(first.async.outsideView?.url ?? "")")
            // 4 ÷ 0.1 s = 40/s at most. gunicorn 27 keeps a worker until the customer has hung up (close_graceful),
            // and on a starved machine that comes late: it then serves well below 40 (28/s seen with the whole suite
            // running), never above. The claim is the ceiling, with the door growing behind it.
            let sync = 0.1...46.0
            let settled = await frame(of: runner, timeout: .seconds(60)) { frame in
                frame.sync.servedHistory.samples.count >= 8 && frame.sync.doorQueue >= 40 && sent(frame.sync) >= 54
                    && sent(frame.async) >= 54 && sync.contains(rate(frame.sync))
                    && rate(frame.async) >= 0.9 * sent(frame.async)
            }
            print(
                "django at 60/s: gunicorn cafe.wsgi -w 4 \(rate(settled.sync))/s door \(settled.sync.doorQueue), "
                    + "async def brew \(rate(settled.async))/s p50 \(settled.async.waitP50Ms ?? -1) ms, sent \(sent(settled.async))/s, "
                    + "kernel: sync \(settled.sync.outsideView?.kernel.map { "\($0.processes)p \($0.threads)t" } ?? "?"), "
                    + "async \(settled.async.outsideView?.kernel.map { "\($0.processes)p \($0.threads)t" } ?? "?")")
            #expect(sync.contains(rate(settled.sync)), "4 workers ÷ 0.1 s = 40/s at most, got \(rate(settled.sync))")
            #expect(settled.sync.doorQueue >= 40, "the door grows behind the four workers")
            #expect(
                rate(settled.async) >= 0.9 * sent(settled.async), "the async view follows, got \(rate(settled.async))")
            // The arbiter and its four sync workers, one thread each: what the kernel sees of gunicorn.
            #expect(
                settled.sync.outsideView?.kernel?.processes == 5,
                "\(String(describing: settled.sync.outsideView?.kernel))")
            #expect(settled.async.outsideView?.kernel?.processes == 1, "uvicorn is one process")

            // The customers who came while it awaited asked for `async def brew`: a clean slate, so the rate below is
            // brew_blocking's alone (a Django view is chosen by the URL, not by a switch inside the server).
            runner.perform(.setHandler(.block))
            runner.perform(.clearShop)
            #expect(runner.frame().async.outsideView?.url.contains("/async/brew_blocking?") == true)
            let blocked = await frame(of: runner, timeout: .seconds(60)) { frame in
                frame.async.servedHistory.samples.count >= 6 && rate(frame.async) > 0 && rate(frame.async) <= 14
            }
            print("django at 60/s: brew_blocking \(rate(blocked.async))/s, door \(blocked.async.doorQueue)")
            // One blocked loop's ceiling is 1 ÷ 0.1 s = 10/s, far below the 60/s offered; how near it comes is the
            // machine's figure.
            #expect(
                rate(blocked.async) > 0 && rate(blocked.async) <= 14,
                "time.sleep in async def: 1 ÷ 0.1 s = 10/s at most, got \(rate(blocked.async))")
        }

        @Test("brew_sync_orm: every customer gets a 500, and the pane names it SynchronousOnlyOperation")
        func synchronousOnlyOperation() async throws {
            let runner = try startPeers(
                apps: .django,
                Scenario(
                    ratePerSecond: 20, arrivals: .constant, brewMilliseconds: 100, django: DjangoSettings(syncORM: true)
                ))
            defer { runner.shutdown() }
            let port = try #require(runner.asyncCafe?.port)
            let reply = try OneShotClient(port: port, timeout: .seconds(10)).get("/async/brew_sync_orm?ms=1")
            #expect(reply.status == 500)
            #expect(reply.header("X-Exception") == "SynchronousOnlyOperation", "\(reply.body)")
            let failing = await frame(of: runner, timeout: .seconds(40)) { frame in
                frame.async.errors >= 20 && frame.async.outsideView?.lastException != nil
            }
            print(
                "django brew_sync_orm: \(failing.async.errors) errors, served \(failing.async.served), "
                    + "its log: \(failing.async.outsideView?.lastException ?? "nothing")")
            #expect(failing.async.errors >= 20)
            #expect(failing.async.served == 0, "no cup from a view Django refuses")
            #expect(failing.async.outsideView?.lastException == "SynchronousOnlyOperation")
            #expect(failing.sync.outsideView?.lastException == nil, "the WSGI side raises nothing")
        }

        /// The median time of `count` requests one after the other on one connection each, after a warm-up.
        private func median(port: Int, path: String, count: Int = 200) throws -> Double {
            let client = OneShotClient(port: port, timeout: .seconds(10))
            let clock = ContinuousClock()
            var times: [Double] = []
            for index in 0..<(count + 20) {
                let began = clock.now
                let reply = try client.get(path)
                let took = began.duration(to: clock.now)
                #expect(reply.status == 200)
                if index >= 20 { times.append(took.milliseconds) }
            }
            return times.sorted()[times.count / 2]
        }

        @Test("one sync-only middleware in front of async def brew: on the path of every request, its cost measured")
        func syncMiddleware() throws {
            let runner = try startPeers(apps: .django, Scenario(ratePerSecond: 10, brewMilliseconds: 0, paused: true))
            defer { runner.shutdown() }
            let path = "/async/brew?ms=0"
            let without = try median(port: try #require(runner.asyncCafe?.port), path: path)
            let plain = try OneShotClient(port: try #require(runner.asyncCafe?.port)).get(path)
            #expect(plain.header("X-Middleware") == nil)

            runner.perform(.setDjangoMiddleware(sync: true))
            let port = try #require(runner.asyncCafe?.port)
            #expect(runner.frame().async.outsideView?.server == "CAFE_MIDDLEWARE=sync uvicorn cafe.asgi:application")
            let through = try OneShotClient(port: port).get(path)
            #expect(through.header("X-Middleware") == "sync-only", "the restarted Django has the middleware")
            let with = try median(port: port, path: path)
            let cost = with - without
            print("django sync middleware: median \(without) ms without, \(with) ms with: costs \(cost) ms a request")
            // A bound that holds on a starved machine too: a thread hop is far below one brew of the lessons.
            #expect(cost < 50, "a sync middleware costs \(cost) ms a request")
        }

        @Test(
            "two loops: gunicorn cafe.asgi:application -k uvicorn_worker.UvicornWorker -w 2, an arbiter and two workers"
        )
        func twoLoops() async throws {
            let runner = try startPeers(
                apps: .django, Scenario(ratePerSecond: 20, arrivals: .constant, brewMilliseconds: 100, loops: 2))
            defer { runner.shutdown() }
            let serving = await frame(of: runner, timeout: .seconds(30)) { frame in
                frame.async.served >= 20 && frame.async.outsideView?.kernel?.processes == 3
            }
            #expect(
                serving.async.outsideView?.server
                    == "gunicorn cafe.asgi:application -k uvicorn_worker.UvicornWorker -w 2")
            #expect(serving.async.outsideView?.kernel?.processes == 3, "the arbiter and two uvicorn workers")
            #expect(serving.async.served >= 20 && serving.async.errors == 0)
        }

        @Test("under ASGI each request in progress holds a thread of its own: the kernel counts them")
        func threadPerRequest() async throws {
            // 40/s of 250 ms offloaded brews: about 10 requests in progress, each in its own thread.
            let runner = try startPeers(
                apps: .django,
                Scenario(
                    ratePerSecond: 40, arrivals: .constant, brewMilliseconds: 250, asyncHandler: .offload, paused: true)
            )
            defer { runner.shutdown() }
            let idle = await frame(of: runner) { $0.async.outsideView?.kernel != nil }
            let base = try #require(idle.async.outsideView?.kernel?.threads)
            runner.perform(.setPaused(false))
            let busy = await frame(of: runner, timeout: .seconds(40)) { frame in
                (frame.async.outsideView?.kernel?.threads ?? 0) >= base + 6
            }
            let threads = busy.async.outsideView?.kernel?.threads ?? 0
            print(
                "django brew_offload at 40/s × 250 ms: \(base) threads idle, \(threads) busy, \(busy.async.inShop) in the shop"
            )
            #expect(threads >= base + 6, "about 10 in progress, each in a thread: \(base) → \(threads)")
        }
    }
}
