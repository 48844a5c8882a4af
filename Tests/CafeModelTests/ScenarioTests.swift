import CafeModel
import Foundation
import Testing

@Suite("A scenario and the changes keys make")
struct ScenarioTests {
    @Test("the rate steps through round numbers, down to 0 and up to the maximum")
    func rate() {
        let start = Scenario(ratePerSecond: 30)
        #expect(start.applying(.rateUp).ratePerSecond == 40)
        #expect(start.applying(.rateDown).ratePerSecond == 20)
        #expect(Scenario(ratePerSecond: 35).applying(.rateUp).ratePerSecond == 40)
        #expect(Scenario(ratePerSecond: 1).applying(.rateDown).ratePerSecond == 0)
        #expect(Scenario(ratePerSecond: 5000).applying(.rateUp).ratePerSecond == 5000)
        #expect(start.applying(.setRate(-3)).ratePerSecond == 0)
        #expect(start.applying(.setRate(1e9)).ratePerSecond == Scenario.maximumRate)
    }

    @Test("baristas stay between 1 and the maximum")
    func workers() {
        #expect(Scenario(syncWorkers: 4).applying(.workersUp).syncWorkers == 5)
        #expect(Scenario(syncWorkers: 1).applying(.workersDown).syncWorkers == 1)
        #expect(Scenario().applying(.setWorkers(1000)).syncWorkers == Scenario.maximumWorkers)
    }

    @Test("handler, kind, arrivals and pause cycle and toggle")
    func toggles() {
        let start = Scenario(arrivals: .poisson, kind: .io, asyncHandler: .await)
        #expect(start.applying(.cycleHandler).asyncHandler == .block)
        #expect(start.applying(.cycleHandler).applying(.cycleHandler).asyncHandler == .offload)
        #expect(start.applying(.cycleHandler).applying(.cycleHandler).applying(.cycleHandler) == start)
        #expect(start.applying(.toggleKind).kind == .cpu)
        #expect(start.applying(.toggleArrivals).arrivals == .constant)
        #expect(start.applying(.togglePause).paused)
        #expect(start.applying(.setHandler(.offload)).asyncHandler == .offload)
        #expect(start.applying(.setPaused(true)).applying(.setPaused(false)) == start)
    }

    @Test("brew time steps and stays within what a café accepts")
    func brew() {
        #expect(Scenario(brewMilliseconds: 100).applying(.brewLonger).brewMilliseconds == 200)
        #expect(Scenario(brewMilliseconds: 100).applying(.brewShorter).brewMilliseconds == 50)
        #expect(Scenario(brewMilliseconds: 10).applying(.brewShorter).brewMilliseconds == 10)
        #expect(Scenario(brewMilliseconds: 5000).applying(.brewLonger).brewMilliseconds == 5000)
        #expect(Scenario().applying(.setBrew(milliseconds: 99_999)).brewMilliseconds == Order.maximumMilliseconds)
        #expect(Scenario(brewMilliseconds: 250, kind: .cpu).order == Order(milliseconds: 250, kind: .cpu))
    }

    @Test("help, quit and reset change no setting", arguments: [ShowAction.help, .quit, .resetCounters])
    func screenOnly(action: ShowAction) {
        #expect(Scenario().applying(action) == Scenario())
        #expect(!action.changesScenario)
    }
}

@Suite("The theory: capacity N ÷ S, queue growth, Little's law")
struct TheoryTests {
    @Test("4 baristas at 100 ms make 40 cups/s; 60/s offered grows the queue 20/s")
    func syncCapacity() {
        let theory = Theory(scenario: Scenario(brewMilliseconds: 100, syncWorkers: 4), offeredRate: 60, cores: 2)
        #expect(theory.sync == .perSecond(40))
        #expect(theory.queueGrowth(of: .sync) == 20)
        #expect(theory.utilisation(of: .sync) == 1.5)
        #expect(Theory(scenario: Scenario(syncWorkers: 4), offeredRate: 30, cores: 2).queueGrowth(of: .sync) == 0)
    }

    @Test("the async café: await is unbounded for I/O, block counts loops, offload counts helpers")
    func asyncCapacity() {
        func capacity(_ handler: HandlerMode, _ kind: BrewKind = .io, cores: Int = 2) -> Theory.Capacity {
            Theory(
                scenario: Scenario(
                    brewMilliseconds: 100, kind: kind, asyncHandler: handler, loops: 1, offloadThreads: 4),
                offeredRate: 60, cores: cores
            ).async
        }
        #expect(capacity(.await) == .unbounded)
        #expect(capacity(.block) == .perSecond(10))
        #expect(capacity(.offload) == .perSecond(40))
        // CPU work needs a core: the loop does it itself and shares the cores with the sync café's 4 baristas.
        #expect(capacity(.await, .cpu) == .perSecond(4))
        #expect(capacity(.offload, .cpu, cores: 2) == .perSecond(10))
        #expect(Theory.queueGrowth(offered: 60, capacity: .unbounded) == 0)
    }

    @Test("CPU brews: both cafés share the cores, about equally per busy thread; together at most cores ÷ S")
    func sharedCores() {
        let busy = Theory(
            scenario: Scenario(brewMilliseconds: 100, kind: .cpu, syncWorkers: 4), offeredRate: 50, cores: 2)
        #expect(abs(busy.sync.value - 16) < 1e-9, "4 of 5 busy threads on 2 cores: 1.6 cores ÷ 0.1 s")
        #expect(abs(busy.async.value - 4) < 1e-9)
        #expect(busy.sync.value + busy.async.value <= busy.machineCups! + 1e-9)
        // A café that wants less than its share leaves the rest to the other.
        let light = Theory(
            scenario: Scenario(brewMilliseconds: 100, kind: .cpu, syncWorkers: 4), offeredRate: 3, cores: 2)
        #expect(light.sync == .perSecond(20), "nobody competes for the cores at 3/s")
    }

    @Test(
        "a limit on concurrency: the back room stops growing and the excess is turned away; await is capped at limit ÷ S"
    )
    func asyncLimit() {
        let offload = Scenario(ratePerSecond: 60, asyncHandler: .offload, offloadThreads: 4, asyncLimit: 20)
        let shedding = Theory(scenario: offload, offeredRate: 60, cores: 2)
        #expect(shedding.async == .perSecond(40))
        #expect(shedding.sheds(.async) && !shedding.sheds(.sync))
        #expect(shedding.queueGrowth(of: .async) == 20)
        #expect(!shedding.asyncLimitIsTheCap, "4 helpers are the cap, not the limit of 20")
        let awaiting = Theory(scenario: Scenario(ratePerSecond: 300, asyncLimit: 20), offeredRate: 300, cores: 2)
        #expect(awaiting.async == .perSecond(200), "20 in progress ÷ 0.1 s")
        #expect(awaiting.asyncLimitIsTheCap)
        #expect(Theory(scenario: Scenario(), offeredRate: 30, cores: 2).async == .unbounded)
        #expect(Scenario().applying(.setAsyncLimit(0)).asyncLimit == 1)
        #expect(Scenario(asyncLimit: 20).applying(.setAsyncLimit(nil)).asyncLimit == nil)
    }

    @Test("the queue that grows: the door, or the back room in offload mode")
    func growingQueue() {
        let offload = Theory(scenario: Scenario(asyncHandler: .offload, offloadThreads: 4), offeredRate: 50, cores: 2)
        #expect(offload.growingQueue(of: .async) == .backRoom)
        #expect(offload.growingQueue(of: .sync) == .door)
        #expect(offload.queueGrowth(of: .async) == 10)
    }

    @Test("advice that works: the fewest baristas that outpace the arrivals, and how long they take")
    func drain() throws {
        let theory = Theory(scenario: Scenario(brewMilliseconds: 100, syncWorkers: 5), offeredRate: 50, cores: 2)
        let drain = try #require(theory.baristasToDrain(queued: 74))
        #expect(drain.baristas == 6, "5 baristas serve exactly 50/s: the line would never shrink")
        #expect(abs(drain.seconds - 7.4) < 1e-9)
    }

    @Test("Little's law over one window: idle, not steady while the line grows, holds when steady")
    func little() {
        func window(_ l: Double, arrivals: Double, departures: Double, stay: Double?) -> LittleWindow {
            LittleWindow(
                seconds: 5, inShopNow: Int(l), inShopMean: l, arrivalsPerSecond: arrivals,
                departuresPerSecond: departures, timeInShopSeconds: stay)
        }
        #expect(window(0, arrivals: 0, departures: 0, stay: nil).verdict == .idle)
        #expect(window(6, arrivals: 60, departures: 60, stay: 0.101).verdict == .holds(predicted: 60 * 0.101))
        #expect(window(189, arrivals: 50, departures: 40, stay: 4).verdict == .notSteady(netPerSecond: 10))
        #expect(window(90, arrivals: 60, departures: 60, stay: 0.5).verdict == .differs(predicted: 30))
        #expect(window(3, arrivals: 20, departures: 0, stay: nil).verdict == .measuring)
    }
}

@Suite("What a café pane shows")
struct ShowStateTests {
    @Test("takes the door, the baristas and the back room from /stats")
    func absorb() {
        let stats = ServerStats(
            cafe: .sync, pid: 1, uptimeMs: 0, cpuSeconds: 0,
            config: .init(host: "127.0.0.1", port: 1, backlog: 16, headerTimeoutMs: 1000, handler: .offload),
            acceptQueue: .init(length: 5, maximum: 16),
            workers: [.init(id: 0, state: .blocked, forMs: 25, brewMs: 100), .init(id: 1, state: .idle, forMs: 3)],
            offload: .init(threads: 4, busy: 2, waiting: 1),
            inProgress: [
                .init(customerId: "1", phase: .parsing, ageMs: 1), .init(customerId: "2", phase: .blocked, ageMs: 25),
            ],
            inProgressCount: 2, counters: .init()
        )
        var state = ShowState(cafe: .sync)
        state.serverDown = "old"
        state.absorb(stats)
        #expect(state.doorQueue == 6)
        #expect(state.doorCapacity == 16)
        #expect(state.baristas.map(\.progress) == [0.25, nil])
        #expect(state.busyBaristas == 1)
        #expect(state.helpers == ShowState.Helpers(threads: 4, busy: 2, waiting: 1))
        #expect(state.serverDown == nil)
        var awaiting = stats
        awaiting.config.handler = .await
        state.absorb(awaiting)
        #expect(state.helpers == ShowState.Helpers(threads: 4, busy: 2, waiting: 1), "cups from before stay shown")
        awaiting.offload = .init(threads: 4, busy: 0, waiting: 0)
        state.absorb(awaiting)
        #expect(state.helpers == nil, "an empty back room is shown only while the café offloads")
    }

    @Test("a loop is blocked when its thread is, or when it lags 50 ms or more")
    func blockedLoop() {
        #expect(ShowState.Loop(state: .blocked).isBlocked)
        #expect(ShowState.Loop(state: .running, lagMs: 80).isBlocked)
        #expect(!ShowState.Loop(state: .running, lagMs: 2).isBlocked)
    }

    @Test("history keeps the last samples")
    func history() {
        var history = History(capacity: 3)
        for value in [1.0, 2, 3, 4] { history.record(value) }
        #expect(history.samples == [2, 3, 4])
        #expect(history.maximum == 4)
    }

    @Test("the ticker sentence")
    func ticker() {
        #expect(
            CustomerTrace(customer: 1207, sync: .served(.milliseconds(1420)), async: .served(.milliseconds(100))).text
                == "customer #1207: sync served in 1.42 s, async served in 0.10 s")
        #expect(
            CustomerTrace(customer: 3, sync: .walkedOut(after: .seconds(2)), async: .served(.milliseconds(5))).text
                == "customer #3: sync walked out after 2.00 s, async served in 0.01 s")
        #expect(CustomerEnd.turnedDown(status: 503).text == "turned away (503)")
        #expect(CustomerEnd.inside.text == "still inside")
    }

    @Test("slow customers: setSlow clamps the share to 0…1 and keeps a positive time; old JSON decodes with none")
    func slowCustomers() throws {
        let scenario = Scenario()
        #expect(scenario.slowShare == 0 && scenario.slowFor == .seconds(5))
        let slow = scenario.applying(.setSlow(share: 0.2, for: .seconds(3)))
        #expect(slow.slowShare == 0.2 && slow.slowFor == .seconds(3))
        #expect(scenario.applying(.setSlow(share: 7, for: .seconds(1))).slowShare == 1)
        #expect(scenario.applying(.setSlow(share: -1, for: .zero)).slowShare == 0)
        #expect(scenario.applying(.setSlow(share: 0.5, for: .zero)).slowFor == .seconds(5))
        #expect(ShowAction.setSlow(share: 0.2, for: .seconds(3)).changesScenario)

        let encoded = try JSONEncoder().encode(slow)
        #expect(try JSONDecoder().decode(Scenario.self, from: encoded) == slow)
        // A scenario saved before slow customers existed.
        var old = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        old["slowShare"] = nil
        old["slowFor"] = nil
        let decoded = try JSONDecoder().decode(Scenario.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(decoded.slowShare == 0 && decoded.slowFor == .seconds(5))
        #expect(decoded.ratePerSecond == slow.ratePerSecond && decoded.syncWorkers == slow.syncWorkers)
    }

    @Test(
        "slow customers hold a sync barista for what is left of their order once a line forms: it settles at a door wait"
    )
    func slowTheory() {
        // No line needed (3 a second against 4 ÷ 1.1 s): each slow order is read in full at the bar.
        let light = Scenario(
            ratePerSecond: 3, brewMilliseconds: 100, syncWorkers: 4, slowShare: 0.2, slowFor: .seconds(5))
        let few = Theory(scenario: light, offeredRate: 3, cores: 2)
        #expect(abs(few.syncHoldSeconds - 1.1) < 1e-9 && abs(few.sync.value - 4 / 1.1) < 1e-9)
        #expect(few.slowDoorWaitSeconds == nil)
        // 20 a second: the line grows until the kernel has read 4.5 s of each slow order at the door, and the
        // baristas hold each customer 4 ÷ 20 = 0.2 s: all 20 served, none growing.
        let scenario = Scenario(
            ratePerSecond: 20, brewMilliseconds: 100, syncWorkers: 4, slowShare: 0.2, slowFor: .seconds(5))
        let theory = Theory(scenario: scenario, offeredRate: 20, cores: 2)
        #expect(abs((theory.slowDoorWaitSeconds ?? 0) - 4.5) < 1e-9)
        #expect(abs(theory.syncHoldSeconds - 0.2) < 1e-9)
        #expect(theory.sync == .perSecond(20) && theory.queueGrowth(of: .sync) == 0)
        // More than even brisk orders allow (50 > 4 ÷ 0.1 s): the line outgrows any talking.
        let flood = Theory(scenario: scenario, offeredRate: 50, cores: 2)
        #expect(flood.slowDoorWaitSeconds == nil && flood.sync == .perSecond(40))
        #expect(theory.async == .unbounded, "the async café reads orders on its loop: awaiting I/O stays unbounded")
        #expect(Theory(scenario: Scenario(syncWorkers: 4), offeredRate: 20, cores: 2).sync == .perSecond(40))
    }

    @Test("a sync barista reading a slow order is at the bar, not in the door's count")
    func readingIsNotQueued() {
        let stats = ServerStats(
            cafe: .sync, pid: 1, uptimeMs: 0, cpuSeconds: 0,
            config: .init(host: "127.0.0.1", port: 1, backlog: 16, headerTimeoutMs: 10_000, workers: 2),
            acceptQueue: .init(length: 3, maximum: 16),
            workers: [
                .init(id: 1, state: .reading, forMs: 3200), .init(id: 2, state: .blocked, forMs: 20, brewMs: 100),
            ],
            inProgress: [.init(customerId: nil, phase: .parsing, ageMs: 3200)], inProgressCount: 2,
            phaseCounts: {
                var counts = PhaseCounts(); counts.parsing = 1; counts.blocked = 1; return counts
            }(),
            counters: .init())
        var state = ShowState(cafe: .sync)
        state.absorb(stats)
        #expect(state.doorQueue == 3)
        #expect(state.readingBaristas == 1 && state.busyBaristas == 2)
    }
}
