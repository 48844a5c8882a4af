import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

extension LiveRunners {
    @Suite("The ScenarioRunner behind the show", .serialized)
    struct ScenarioRunnerTests {
        private func start(
            _ scenario: Scenario = Scenario(ratePerSecond: 20, arrivals: .constant)
        ) throws -> ScenarioRunner {
            try ScenarioRunner(
                options: ShowOptions(
                    scenario: scenario, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path))
        }

        @Test("both cafés get the same customers and both views merge into each pane")
        func mergesBothViews() async throws {
            let runner = try start()
            defer { runner.shutdown() }
            // Both views, each as soon as it comes: /stats can take a while on a machine with many sockets.
            let frame = await frame(of: runner) {
                $0.sync.served >= 10 && $0.async.served >= 10 && $0.ticker != nil && !$0.sync.baristas.isEmpty
                    && !$0.async.loops.isEmpty
            }
            #expect(frame.sync.served >= 10 && frame.async.served >= 10)
            #expect(frame.sync.baristas.count == 4, "server view: the sync café's baristas from /stats")
            #expect(frame.async.loops.count == 1, "server view: the async café's loop from /stats")
            #expect(frame.sync.waitP50Ms != nil, "client view: waits from the load generator")
            #expect(frame.syncURL == "http://127.0.0.1:\(runner.syncCafe!.port)")
            let ticker = try #require(frame.ticker)
            #expect(
                ticker.sync != .inside || ticker.async != .inside, "the same customer, followed to an end in a café")
            #expect(ticker.text.hasPrefix("customer #\(ticker.customer): sync "))
            #expect(frame.offeredRate == 20)
        }

        @Test("actions change the cafés live: baristas, handler, pause, reset")
        func actionsReachTheCafes() async throws {
            let runner = try start()
            defer { runner.shutdown() }
            runner.perform(.workersUp)
            #expect(await frame(of: runner) { $0.sync.baristas.count == 5 }.sync.baristas.count == 5)
            runner.perform(.cycleHandler)
            runner.perform(.cycleHandler)
            #expect(runner.scenario.asyncHandler == .offload)
            #expect(
                await frame(of: runner) { $0.async.helpers != nil }.async.helpers?.threads == 4,
                "the back room appears once the async café offloads")
            runner.perform(.togglePause)
            #expect(runner.frame().offeredRate == 0)
            // The customers already inside are still served (waited for, not slept on: a busy machine serves them
            // late); then the counters go back to zero and stay there.
            let emptied = await frame(of: runner, timeout: .seconds(20)) { $0.sync.inShop == 0 && $0.async.inShop == 0 }
            #expect(emptied.sync.inShop == 0 && emptied.async.inShop == 0, "the customers inside were served")
            runner.perform(.resetCounters)
            let reset = await frame(of: runner) { $0.sync.served == 0 && $0.async.served == 0 }
            #expect(reset.sync.served == 0 && reset.async.served == 0)
            // Nothing can arrive while paused; a few frames later the counters are still at zero.
            _ = await frame(of: runner, timeout: .milliseconds(500)) { _ in false }
            #expect(runner.frame().sync.served == 0, "the door stays closed while paused")
        }

        @Test("slow customers set live: every sync barista is seen reading a slow order, the async café keeps serving")
        func slowCustomersLive() async throws {
            let runner = try start()
            defer { runner.shutdown() }
            runner.perform(.setSlow(share: 0.5, for: .seconds(4)))
            #expect(runner.scenario.slowShare == 0.5 && runner.scenario.slowFor == .seconds(4))
            let servedBefore = runner.frame().async.served
            let frame = await frame(of: runner, timeout: .seconds(30)) {
                $0.sync.readingBaristas == 4 && $0.async.served >= servedBefore + 10
            }
            #expect(frame.sync.readingBaristas == 4, "sync baristas: \(frame.sync.baristas.map(\.state))")
            #expect(frame.sync.baristas.contains { $0.state == .reading && $0.forMs >= 100 })
            #expect(frame.async.served >= servedBefore + 10, "the async café served the fast customers meanwhile")
            #expect(frame.async.loops.allSatisfy { !$0.isBlocked })
        }

        /// An overloaded show: one sync barista at 1 s a cup against 40 customers a second fills its door; the
        /// async café holds ~40 buzzers. Returns once both cafés have a backlog.
        private func startOverloaded() async throws -> (ScenarioRunner, ShowFrame) {
            let runner = try start(
                Scenario(ratePerSecond: 40, arrivals: .constant, brewMilliseconds: 1000, syncWorkers: 1))
            let busy = await frame(of: runner) {
                $0.sync.doorQueue >= 10 && $0.async.inShop >= 10 && $0.sync.served >= 1
            }
            #expect(busy.sync.doorQueue >= 10, "a backlog at the sync door before the clean slate")
            #expect(busy.async.inShop >= 10, "customers holding buzzers in the async café")
            return (runner, busy)
        }

        @Test(
            "shedding load live: a limit of 10 turns the async café's excess away with 503, survives a restart, lifts")
        func asyncLimitLive() async throws {
            let runner = try start(
                Scenario(
                    ratePerSecond: 60, arrivals: .constant, asyncHandler: .offload, offloadThreads: 4,
                    patience: .seconds(60)))
            defer { runner.shutdown() }
            func turnedAway(_ frame: ShowFrame) -> Int {
                frame.async.failures.filter { $0.words.contains("503") }.reduce(0) { $0 + $1.count }
            }
            runner.perform(.setAsyncLimit(10))
            let shedding = await frame(of: runner) { turnedAway($0) >= 20 && $0.async.served >= 20 }
            #expect(turnedAway(shedding) >= 20, "60/s into 4 helpers with at most 10 in progress")
            #expect(shedding.async.served >= 20, "the customers within the limit are still served")
            #expect(shedding.sync.failures.allSatisfy { !$0.words.contains("503") }, "the sync café has no limit")
            // A new loop count restarts the café: the limit goes with it.
            runner.perform(.setLoops(2))
            let restarted = await frame(of: runner) { $0.async.loops.count == 2 && turnedAway($0) >= 10 }
            #expect(turnedAway(restarted) >= 10, "the restarted café sheds load too")
            runner.perform(.setAsyncLimit(nil))
            runner.perform(.clearShop)
            let lifted = await frame(of: runner) { $0.async.served >= 60 }
            #expect(lifted.async.served >= 60)
            #expect(turnedAway(lifted) == 0, "without a limit nobody is turned away")
            // How the loops share the door is fixed at start too: a change restarts the café, one door per loop.
            runner.perform(.setDoor(.reuseport))
            let perLoop = await frame(of: runner) {
                $0.async.loops.count == 2 && $0.async.loops.allSatisfy { $0.doorQueue != nil }
            }
            #expect(perLoop.async.loops.allSatisfy { $0.doorQueue != nil }, "one door per loop after the restart")
        }

        @Test("x empties both cafés: doors and shops at 0, every counter at 0, the same URLs")
        func clearShopEmptiesBothCafes() async throws {
            let (runner, _) = try await startOverloaded()
            defer { runner.shutdown() }
            // The door closed first, so nothing new arrives: without the clean slate the backlog would stay.
            runner.perform(.setPaused(true))
            let old = (sync: runner.syncCafe!, async: runner.asyncCafe!)
            let urls = (runner.frame().syncURL, runner.frame().asyncURL)
            runner.perform(.clearShop)
            let clearing = try #require(runner.lastClearing)
            #expect(clearing.failure == nil)
            #expect(clearing.customersSentHome >= 20, "the customers inside were sent home")
            // On the clean slate's own clock: about a second on a quiet machine (the notice shows it). 10 s only
            // fails a clean slate that hangs, say on a café that does not close.
            #expect(clearing.duration < .seconds(10), "took \(clearing.duration)")

            let empty = await frame(of: runner) { frame in
                [frame.sync, frame.async].allSatisfy {
                    $0.doorQueue == 0 && $0.inShop == 0 && $0.served == 0 && $0.walkedOut == 0 && $0.errors == 0
                        && $0.busyBaristas == 0 && $0.awaiting == 0
                }
            }
            for state in [empty.sync, empty.async] {
                #expect(
                    state.doorQueue == 0 && state.inShop == 0,
                    "\(state.cafe): door \(state.doorQueue), in shop \(state.inShop)")
                #expect(state.served == 0 && state.walkedOut == 0 && state.errors == 0, "\(state.cafe) counters zeroed")
                #expect(state.busyBaristas == 0 && state.awaiting == 0, "\(state.cafe): nobody left at the bar")
                #expect(state.serverDown == nil, "the restart is not a café that died")
            }
            #expect((empty.syncURL, empty.asyncURL) == urls, "the header's URLs stay true")
            #expect(empty.notice?.hasPrefix("shop cleared: ") == true)
            #expect(empty.notice?.contains("sent home, counters zeroed") == true)
            #expect(empty.sync.baristas.count == 1, "the scenario's settings survive: one sync barista")
            #expect(!old.sync.isRunning && !old.async.isRunning, "the old cafés are gone, not orphaned")
            #expect(kill(old.sync.pid, 0) != 0 && kill(old.async.pid, 0) != 0)
        }

        @Test("after x the customers of before count nowhere: no walk-outs or errors, new cups served")
        func clearShopForgetsTheCustomersOfBefore() async throws {
            let (runner, _) = try await startOverloaded()
            defer { runner.shutdown() }
            runner.perform(.setBrew(milliseconds: 100))
            runner.perform(.setWorkers(4))
            runner.perform(.clearShop)
            // The door stays open: new customers come, and the ones cut off by the clean slate must not show up.
            let served = await frame(of: runner) {
                $0.sync.served >= 20 && $0.async.served >= 20 && !$0.sync.baristas.isEmpty
            }
            #expect(served.sync.served >= 20 && served.async.served >= 20, "the new slate serves its own customers")
            for state in [served.sync, served.async] {
                #expect(
                    state.walkedOut == 0 && state.errors == 0,
                    "\(state.cafe): \(state.walkedOut) walked out, \(state.errors) errors")
            }
            #expect(served.sync.baristas.count == 4, "the workers chosen before the clean slate")
        }

        @Test("the clean slate's notice says what it did, and fades after 3 s")
        func clearingNotice() {
            let now = ContinuousClock.now
            let cleared = ShopClearing(customersSentHome: 312, duration: .milliseconds(1080), finishedAt: now)
            #expect(cleared.notice == "shop cleared: 312 customers sent home, counters zeroed (1.1 s)")
            #expect(cleared.currentNotice == cleared.notice)
            let earlier = ShopClearing(
                customersSentHome: 1, duration: .milliseconds(400), finishedAt: now - .seconds(4))
            #expect(earlier.notice == "shop cleared: 1 customer sent home, counters zeroed (0.4 s)")
            #expect(earlier.currentNotice == nil)
            let failed = ShopClearing(
                customersSentHome: 0, duration: .seconds(1), failure: "the sync café did not open again: port taken",
                finishedAt: now)
            #expect(failed.notice == "shop cleared, but the sync café did not open again: port taken")
        }

        @Test("a café that dies is shown as stopped; shutdown ends the other")
        func deadCafe() async throws {
            let runner = try start()
            kill(runner.asyncCafe!.pid, SIGKILL)
            let frame = await frame(of: runner) { $0.async.serverDown != nil }
            #expect(frame.async.serverDown?.contains("async café was killed by signal 9") == true)
            #expect(frame.sync.serverDown == nil)
            runner.shutdown()
            #expect(runner.syncCafe?.isRunning == false)
        }
    }
}
