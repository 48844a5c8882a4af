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
    /// The kernel's view of a server's threads (`KernelProcessView`) checked against what barista's own cafés say of
    /// themselves in `/stats`: if the two agree on the cafés we can ask, the view can be trusted on the ones we
    /// cannot (gunicorn, uvicorn, nginx).
    @Suite("The inside of a server from the kernel agrees with the café's own /stats", .serialized)
    struct KernelInsideTruthTests {
        private func start(_ scenario: Scenario) throws -> ScenarioRunner {
            try ScenarioRunner(
                options: ShowOptions(
                    scenario: scenario, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path))
        }

        @Test(
            "sync café saturated with 100 ms io brews: 4 blocked in /stats, 4 worker threads in nanosleep in the kernel; async café in block mode: its loop sleeps"
        )
        func ownCafes() async throws {
            let runner = try start(
                Scenario(
                    ratePerSecond: 60, arrivals: .constant, brewMilliseconds: 100, syncWorkers: 4, asyncHandler: .block,
                    patience: .seconds(120)))
            defer { runner.shutdown() }
            let sync = KernelProcessView(root: try #require(runner.syncCafe).pid)
            let async = KernelProcessView(root: try #require(runner.asyncCafe).pid)
            func workers(_ view: InsideView?) -> [InsideView.Thread] {
                (view?.threads ?? []).filter { $0.name.hasPrefix("sync-worker") }
            }
            func sleepingLoops(_ view: InsideView?) -> Int {
                InsideView.count((view?.threads ?? []).filter { $0.name.hasPrefix("NIO-ELT") }, .sleeping)
            }
            var kernelSync: InsideView?
            var kernelAsync: InsideView?
            let agreed = await frame(of: runner, timeout: .seconds(60)) { frame in
                kernelSync = sync.sample()
                kernelAsync = async.sample()
                return frame.sync.baristas.filter { $0.state == .blocked }.count == 4
                    && InsideView.count(workers(kernelSync), .sleeping) == 4
                    && frame.async.loops.first?.isBlocked == true && sleepingLoops(kernelAsync) == 1
            }
            #expect(agreed.sync.baristas.filter { $0.state == .blocked }.count == 4, "/stats: 4 blocked")
            #expect(workers(kernelSync).count == 4, "the kernel sees 4 worker threads: \(workers(kernelSync))")
            #expect(InsideView.count(workers(kernelSync), .sleeping) == 4, "\(workers(kernelSync))")
            #expect(agreed.async.loops.first?.isBlocked == true, "/stats: the loop is BLOCKED")
            #expect(
                sleepingLoops(kernelAsync) == 1, "the kernel: the café's loop thread sleeps, the admin loop does not")

            // The door closed and the cafés emptied: the same workers now wait for customers, in both views.
            runner.perform(.setPaused(true))
            let idle = await frame(of: runner, timeout: .seconds(60)) { frame in
                kernelSync = sync.sample()
                return frame.sync.baristas.allSatisfy { $0.state == .idle } && frame.sync.inShop == 0
                    && InsideView.count(workers(kernelSync), .waitingForCustomers) == 4
            }
            #expect(idle.sync.baristas.allSatisfy { $0.state == .idle })
            #expect(InsideView.count(workers(kernelSync), .waitingForCustomers) == 4, "\(workers(kernelSync))")
        }
    }

    /// The real gunicorn and uvicorn seen from the kernel, as the panes draw them (`--peers python`).
    @Suite(
        "The inside of gunicorn and uvicorn from the kernel", .serialized,
        .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable))
    struct PeerInsideTests {
        @Test(
            "gunicorn's sync workers sleep in time.sleep and one reads a slow client; uvicorn's loop is BLOCKED in block mode; nothing is left after"
        )
        func peers() async throws {
            var options = ShowOptions(
                scenario: Scenario(
                    ratePerSecond: 20, arrivals: .constant, brewMilliseconds: 100, syncWorkers: 4, asyncHandler: .block,
                    patience: .seconds(120), slowShare: 0.2, slowFor: .seconds(3)),
                syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
            options.peers = PeerStack(python: PeerPython.path ?? "python3", appDirectory: PeerPython.apps)
            let runner = try ScenarioRunner(options: options)
            let groups = [runner.syncCafe?.pid, runner.asyncCafe?.pid].compactMap { $0 }
            defer {
                runner.shutdown()
                #expect(gone(groups), "no Python process of the run is left")
            }
            let seen = await frame(of: runner, timeout: .seconds(60)) { frame in
                guard let workers = frame.sync.insideView?.workers, let loop = frame.async.insideView?.workers.first
                else { return false }
                return workers.count == 4 && InsideView.count(workers, .sleeping) >= 1
                    && InsideView.count(workers, .reading) >= 1 && loop.activity == .sleeping
            }
            let workers = seen.sync.insideView?.workers ?? []
            print(
                "gunicorn from the kernel: \(InsideView.summary(workers)); uvicorn's loop: \(seen.async.insideView?.workers.first?.wchan ?? "-")"
            )
            #expect(workers.count == 4, "4 gunicorn workers, the arbiter apart: \(workers)")
            #expect(InsideView.count(workers, .sleeping) >= 1, "a worker in time.sleep: \(workers)")
            #expect(InsideView.count(workers, .reading) >= 1, "a worker reading a slow client: \(workers)")
            #expect(seen.async.insideView?.workers.first?.activity == .sleeping, "uvicorn's loop in time.sleep")
            #expect(seen.sync.outsideView?.insideFromKernel == true)
            #expect(seen.sync.outsideView?.barIsUnknown == false)
        }
    }
}
