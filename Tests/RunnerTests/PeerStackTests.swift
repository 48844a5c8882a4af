import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveRunners {
    /// The seed's stack in the panes (`--peers python`): gunicorn's sync workers and uvicorn's event loop under the
    /// same customers behave like barista's own cafés, and no Python process outlives the run. Needs a Python with
    /// gunicorn and uvicorn (`PeerPython`); `.ci/run` installs them.
    @Suite(
        "The seed's stack as the cafés: gunicorn and uvicorn", .serialized,
        .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable))
    struct PeerStackTests {
        @Test(
            "60/s of 100 ms io: gunicorn -w 4 settles near 40/s with a growing door, uvicorn follows; block drops it to ~10/s"
        )
        func sameShape() async throws {
            // Patience longer than the test: nobody walks out, so every cup made is a cup handed over.
            let runner = try startPeers(
                Scenario(
                    ratePerSecond: 60, arrivals: .constant, brewMilliseconds: 100, syncWorkers: 4,
                    patience: .seconds(120)))
            let groups = [runner.syncCafe?.pid, runner.asyncCafe?.pid].compactMap { $0 }
            #expect(groups.count == 2)
            defer {
                runner.shutdown()
                #expect(gone(groups), "no Python process of the run is left")
            }
            // "Settles": a five-second window, once gunicorn's door is long, in which the customers came as planned.
            // On a busy machine that can take a while; the claims must then hold in it.
            let settled = await frame(of: runner, timeout: .seconds(60)) { frame in
                frame.sync.servedHistory.samples.count >= 8 && frame.sync.doorQueue >= 40 && sent(frame.sync) >= 54
                    && sent(frame.async) >= 54 && rate(frame.sync) > 0 && rate(frame.sync) <= 46
                    && rate(frame.async) >= 0.9 * sent(frame.async)
            }
            print(
                "peers at 60/s: gunicorn -w 4 \(rate(settled.sync))/s door \(settled.sync.doorQueue), uvicorn \(rate(settled.async))/s, sent \(sent(settled.sync))/s"
            )
            #expect(settled.sync.outsideView?.doorFromKernel == true)
            // gunicorn's --backlog is 2048 unless the kernel caps it lower (net.core.somaxconn).
            let somaxconn =
                (try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 2048
            #expect(settled.sync.doorCapacity == min(2048, somaxconn), "gunicorn's backlog from the kernel")
            #expect(settled.sync.outsideView?.server == "gunicorn -w 4")
            #expect(sent(settled.sync) >= 54, "the customers came at 60/s: \(sent(settled.sync))/s")
            // 4 ÷ 0.1 s = 40/s is gunicorn's ceiling, whatever the machine; how near it comes is a busy machine's
            // figure, so the claim is the ceiling with the door growing behind it (asserted below).
            #expect(
                rate(settled.sync) > 0 && rate(settled.sync) <= 46,
                "gunicorn -w 4: 4 ÷ 0.1 s = 40/s at most, got \(rate(settled.sync))")
            #expect(
                rate(settled.async) >= 0.9 * sent(settled.async),
                "uvicorn follows the offered rate, got \(rate(settled.async))")
            #expect(settled.async.doorQueue <= 5, "uvicorn's door stays empty: \(settled.async.doorQueue)")
            let later = await frame(of: runner) { $0.sync.doorQueue >= settled.sync.doorQueue + 30 }
            #expect(later.sync.doorQueue >= settled.sync.doorQueue + 30, "gunicorn's door grows ~20/s")

            runner.perform(.setHandler(.block))
            #expect(runner.frame().async.outsideView?.url.hasSuffix("mode=block") == true)
            // A five-second window wholly after the switch (one more second for the customers already inside): the rate
            // is the blocked loop's alone. (A single second can read higher on a starved machine: cups are counted when
            // the customers' own loop gets to read them.)
            let switched = runner.frame().async.servedHistory.samples.count
            let blocked = await frame(of: runner, timeout: .seconds(60)) { frame in
                frame.async.servedHistory.samples.count >= switched + 6 && rate(frame.async) > 0
                    && rate(frame.async) <= 14
            }
            print(
                "peers at 60/s: uvicorn mode=block \(rate(blocked.async))/s, door \(blocked.async.doorQueue), in shop \(blocked.async.inShop)"
            )
            // One blocked loop's ceiling is 1 ÷ 0.1 s = 10/s (the 60/s it followed before is far above).
            #expect(
                rate(blocked.async) > 0 && rate(blocked.async) <= 14,
                "time.sleep in async def: 1 ÷ 0.1 s = 10/s at most, got \(rate(blocked.async))")
        }

        @Test("w and W: gunicorn's arbiter really adds and removes a worker (TTIN/TTOU)")
        func ttinTtou() async throws {
            let runner = try startPeers(
                Scenario(ratePerSecond: 5, arrivals: .constant, brewMilliseconds: 10, syncWorkers: 2))
            let guardian = try #require(runner.syncCafe)
            defer { runner.shutdown() }
            let arbiter = guardian.commandPID
            func workers() -> Int { childProcesses(of: arbiter).filter(isAlive).count }
            func wait(for count: Int) async -> Int {
                await eventually(within: .seconds(20), every: .milliseconds(50), { workers() }, until: { $0 == count })
            }
            #expect(await wait(for: 2) == 2)
            runner.perform(.workersUp)
            #expect(await wait(for: 3) == 3, "TTIN: one more worker")
            #expect(runner.frame().sync.outsideView?.server == "gunicorn -w 3")
            // Two at once (a lesson's `workers=5`): sent one at a time, or the kernel would merge them into one.
            runner.perform(.setWorkers(5))
            #expect(await wait(for: 5) == 5, "TTIN twice: two more")
            runner.perform(.workersDown)
            runner.perform(.setWorkers(1))
            #expect(await wait(for: 1) == 1, "TTOU four times: four fewer")
        }
    }
}
