import CafeModel

/// Pictures of the show made up for tests, the frame benchmark and looking at screens without servers: the
/// situations a lesson walks through, with numbers that agree with the theory.
public enum SampleFrames {
    /// The show just started: nobody has come in yet.
    public static var idleStart: ShowFrame {
        ShowFrame(
            sync: ShowState(cafe: .sync, baristas: Array(repeating: .init(state: .idle), count: 4)),
            async: ShowState(cafe: .async, loops: [.init(state: .idle)]),
            scenario: Scenario(ratePerSecond: 30, arrivals: .poisson, brewMilliseconds: 100)
        )
    }

    /// 60 customers a second into 4 baristas at 100 ms (capacity 40/s): the sync door grows 20/s; the async café
    /// hands out 6 buzzers and keeps up.
    public static var saturatedSync: ShowFrame {
        let scenario = Scenario(ratePerSecond: 60, arrivals: .poisson, brewMilliseconds: 100, syncWorkers: 4)
        var doorHistory = History(capacity: 60)
        for second in 0..<60 { doorHistory.record(Double(max(second - 30, 0)) * 20 / 22) }
        var syncServed = History(capacity: 60), asyncServed = History(capacity: 60)
        for _ in 0..<40 { syncServed.record(40); asyncServed.record(60) }
        let sync = ShowState(
            cafe: .sync, doorQueue: 27, doorHistory: doorHistory,
            baristas: [
                .init(state: .blocked, forMs: 80, brewMs: 100, customer: "1176"),
                .init(state: .blocked, forMs: 20, brewMs: 100, customer: "1179"),
                .init(state: .blocked, forMs: 60, brewMs: 100, customer: "1177"),
                .init(state: .blocked, forMs: 99, brewMs: 100, customer: "1175"),
            ],
            served: 1204, servedPerSecond: 40, servedHistory: syncServed, walkedOut: 3, waitP50Ms: 612,
            waitP99Ms: 1900, waitMeanMs: 520, waitHistogram: [0, 0, 0, 40, 120, 300, 420, 260, 60, 4], inShop: 31,
            arrivalsPerSecond: 60
        )
        let async = ShowState(
            cafe: .async, doorHistory: History(capacity: 60, samples: Array(repeating: 0, count: 60)),
            loops: [.init(state: .idle, lagMs: 0.4, maxLagMs: 1.1, awaiting: 6)], served: 1811, servedPerSecond: 60,
            servedHistory: asyncServed, waitP50Ms: 101, waitP99Ms: 104, waitMeanMs: 101,
            waitHistogram: [0, 0, 0, 0, 1811, 0, 0, 0, 0, 0], inShop: 6, arrivalsPerSecond: 60
        )
        return ShowFrame(
            sync: sync, async: async, scenario: scenario,
            ticker: CustomerTrace(customer: 1207, sync: .milliseconds(1420), async: .milliseconds(100))
        )
    }

    /// The async handler set to block: its one barista stares at the machine, the loop lags, the door fills.
    public static var asyncBlocked: ShowFrame {
        var frame = saturatedSync
        frame.scenario.asyncHandler = .block
        frame.scenario.ratePerSecond = 20
        frame.offeredRate = 20
        frame.sync.doorQueue = 0
        frame.sync.baristas = [
            .init(state: .blocked, forMs: 40, brewMs: 100), .init(state: .idle, forMs: 300),
            .init(state: .blocked, forMs: 70, brewMs: 100), .init(state: .idle, forMs: 10),
        ]
        frame.sync.doorHistory = History(capacity: 60, samples: Array(repeating: 0, count: 60))
        frame.async.doorQueue = 14
        frame.async.doorHistory = History(capacity: 60, samples: (0..<60).map { Double(max($0 - 50, 0)) * 1.4 })
        frame.async.loops = [.init(state: .blocked, lagMs: 98, maxLagMs: 100, awaiting: 0)]
        frame.async.servedPerSecond = 10
        frame.async.waitP50Ms = 850
        frame.async.waitP99Ms = 1400
        return frame
    }

    /// The async handler set to offload: 4 helpers in the back room, all busy, 5 cups waiting for one.
    public static var offload: ShowFrame {
        var frame = saturatedSync
        frame.scenario.asyncHandler = .offload
        frame.scenario.offloadThreads = 4
        frame.async.loops = [.init(state: .idle, lagMs: 0.3, maxLagMs: 0.9, awaiting: 0)]
        frame.async.helpers = ShowState.Helpers(threads: 4, busy: 4, waiting: 5)
        frame.async.doorQueue = 0
        return frame
    }
}
