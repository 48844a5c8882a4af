import CafeModel

/// Pictures of the show made up for tests, the frame benchmark and looking at screens without servers: the
/// situations a lesson walks through, with numbers that agree with the theory — the calm ones and the moments
/// that teach the most (overload, walk-outs, a full door, mode switches, CPU on shared cores).
public enum SampleFrames {
    /// Every sample, by name: the truth table the screen tests walk.
    public static var all: [(name: String, frame: ShowFrame)] {
        [
            ("idle start", idleStart), ("saturated sync", saturatedSync), ("async blocked", asyncBlocked),
            ("offload backlog", offload), ("shedding load", shedding), ("overload with walk-outs", overloadWalkOuts),
            ("offload to await", offloadToAwait), ("cpu to io", cpuToIO), ("cpu on shared cores", cpuShared),
            ("full backlog", fullBacklog), ("saturated machine", saturatedMachine), ("idle after load", idleAfterLoad),
            ("just reset", justReset), ("six-digit counters", sixDigits), ("out of descriptors", outOfDescriptors),
            ("outside view", outsideView),
            ("a lesson step", lessonStep),
            ("slow customers", slowCustomers),
            ("generator at its limit", generatorAtLimit),
            ("one of two loops blocked", oneOfTwoLoopsBlocked),
            ("stale stats", staleStats),
            ("customers behind schedule", customersBehind),
            ("machine busy with other programs", busyMachine),
            ("4xx answers", answers4xx),
            ("every error kind", everyErrorKind),
        ]
    }

    private static func state(_ cafe: CafeKind, _ change: (inout ShowState) -> Void) -> ShowState {
        var state = ShowState(cafe: cafe)
        change(&state)
        return state
    }

    private static func steady(_ rate: Double, inShop: Double, stay: Double) -> LittleWindow {
        LittleWindow(
            seconds: 5, inShopNow: Int(inShop.rounded()), inShopMean: inShop, arrivalsPerSecond: rate,
            departuresPerSecond: rate, timeInShopSeconds: stay)
    }

    /// The show just started: nobody has come in yet.
    public static var idleStart: ShowFrame {
        ShowFrame(
            sync: state(.sync) { $0.baristas = Array(repeating: .init(state: .idle), count: 4) },
            async: state(.async) { $0.loops = [.init(state: .idle)] },
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
        let sync = state(.sync) {
            $0.doorQueue = 27
            $0.doorCapacity = 2048
            $0.doorHistory = doorHistory
            $0.baristas = [
                .init(state: .blocked, forMs: 80, brewMs: 100, customer: "1176"),
                .init(state: .blocked, forMs: 20, brewMs: 100, customer: "1179"),
                .init(state: .blocked, forMs: 60, brewMs: 100, customer: "1177"),
                .init(state: .blocked, forMs: 99, brewMs: 100, customer: "1175"),
            ]
            $0.served = 1204
            $0.servedPerSecond = 40
            $0.servedHistory = syncServed
            $0.walkedOut = 3
            $0.waitP50Ms = 612
            $0.waitP99Ms = 1900
            $0.waitHistogram = [0, 0, 0, 40, 120, 300, 420, 260, 60, 4]
            $0.inShop = 31
            $0.little = LittleWindow(
                seconds: 5, inShopNow: 31, inShopMean: 26.4, arrivalsPerSecond: 60, departuresPerSecond: 40,
                timeInShopSeconds: 0.52)
        }
        let async = state(.async) {
            $0.doorCapacity = 2048
            $0.doorHistory = History(capacity: 60, samples: Array(repeating: 0, count: 60))
            $0.loops = [.init(state: .idle, lagMs: 0.4, maxLagMs: 1.1, awaiting: 6)]
            $0.served = 1811
            $0.servedPerSecond = 60
            $0.servedHistory = asyncServed
            $0.waitP50Ms = 101
            $0.waitP99Ms = 104
            $0.waitHistogram = [0, 0, 0, 0, 1811, 0, 0, 0, 0, 0]
            $0.inShop = 6
            $0.little = steady(60, inShop: 6.1, stay: 0.101)
        }
        var frame = ShowFrame(
            sync: sync, async: async, scenario: scenario,
            ticker: CustomerTrace(
                customer: 1207, sync: .served(.milliseconds(1420)), async: .served(.milliseconds(100))))
        frame.machine = MachineLoad(cores: 2, syncCafe: 0.05, asyncCafe: 0.04, show: 0.12)
        return frame
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
        frame.sync.little = steady(20, inShop: 2.1, stay: 0.105)
        frame.async.doorQueue = 14
        frame.async.doorHistory = History(capacity: 60, samples: (0..<60).map { Double(max($0 - 50, 0)) * 1.4 })
        frame.async.loops = [.init(state: .blocked, lagMs: 98, maxLagMs: 100, awaiting: 0)]
        frame.async.servedPerSecond = 10
        frame.async.waitP50Ms = 850
        frame.async.waitP99Ms = 1400
        frame.async.inShop = 16
        frame.async.little = LittleWindow(
            seconds: 5, inShopNow: 16, inShopMean: 9, arrivalsPerSecond: 20, departuresPerSecond: 10,
            timeInShopSeconds: 0.85)
        return frame
    }

    /// Two loops sharing one door in block mode, 500 ms brews at 3/s: loop 2 is stuck in a brew with the 3 customers
    /// it took in before it blocked; loop 1 is free and takes every newcomer.
    public static var oneOfTwoLoopsBlocked: ShowFrame {
        var frame = asyncBlocked
        frame.scenario.loops = 2
        frame.scenario.brewMilliseconds = 500
        frame.scenario.ratePerSecond = 3
        frame.offeredRate = 3
        frame.async.doorQueue = 0
        frame.async.doorHistory = History(capacity: 60, samples: Array(repeating: 0, count: 60))
        frame.async.loops = [
            .init(state: .idle, lagMs: 0.4, maxLagMs: 1, id: 0, customers: 0),
            .init(state: .blocked, lagMs: 320, maxLagMs: 480, id: 1, customers: 3),
        ]
        frame.async.servedPerSecond = 3
        frame.async.waitP50Ms = 520
        frame.async.waitP99Ms = 1300
        frame.async.inShop = 3
        frame.async.little = steady(3, inShop: 1.9, stay: 0.62)
        return frame
    }

    /// The async handler set to offload at 50/s: 4 helpers in the back room, all busy, 368 cups waiting for one;
    /// the door is empty — the back room is the queue that grows.
    public static var offload: ShowFrame {
        var frame = saturatedSync
        frame.scenario.asyncHandler = .offload
        frame.scenario.offloadThreads = 4
        frame.scenario.ratePerSecond = 50
        frame.offeredRate = 50
        frame.async.loops = [.init(state: .idle, lagMs: 0.3, maxLagMs: 0.9, awaiting: 0)]
        frame.async.helpers = ShowState.Helpers(threads: 4, busy: 4, waiting: 368)
        frame.async.backRoomHistory = History(capacity: 60, samples: (0..<60).map { Double($0) * 6.2 })
        frame.async.doorQueue = 0
        frame.async.servedPerSecond = 40
        frame.async.inShop = 372
        frame.async.little = LittleWindow(
            seconds: 5, inShopNow: 372, inShopMean: 347, arrivalsPerSecond: 50, departuresPerSecond: 40,
            timeInShopSeconds: 4.1)
        return frame
    }

    /// Offload at 60/s with `--limit-concurrency 20`: 4 helpers brew, 16 wait in the back room and no more; the
    /// 20/s beyond the limit are turned away with 503 at once instead of queueing.
    public static var shedding: ShowFrame {
        var frame = offload
        frame.scenario.asyncLimit = 20
        frame.scenario.ratePerSecond = 60
        frame.offeredRate = 60
        frame.async.helpers = ShowState.Helpers(threads: 4, busy: 4, waiting: 16)
        frame.async.backRoomHistory = History(capacity: 60, samples: Array(repeating: 16, count: 60))
        frame.async.inShop = 20
        frame.async.failures = [ShowState.Failure("turned away (503)", 1_204)]
        frame.async.little = LittleWindow(
            seconds: 5, inShopNow: 20, inShopMean: 20, arrivalsPerSecond: 60, departuresPerSecond: 60,
            timeInShopSeconds: 1.0 / 3)  // 40/s stay 0.5 s, the 20/s turned away leave at once
        return frame
    }

    /// 50/s into 4 baristas with 2 s of patience: the sync door holds 285, 250 of whom have already walked out; the
    /// baristas brew for nobody and serve no one still waiting.
    public static var overloadWalkOuts: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 50
        frame.scenario.patience = .seconds(2)
        frame.offeredRate = 50
        frame.sync.doorQueue = 285
        frame.sync.goneAtDoor = 250
        frame.sync.served = 365
        frame.sync.servedPerSecond = 0
        frame.sync.walkedOut = 1_278
        frame.sync.brewedForNobody = 741
        frame.sync.secondsSinceLastCup = 14
        frame.sync.waitAgeSeconds = 14
        frame.sync.inShop = 98
        frame.sync.little = LittleWindow(
            seconds: 5, inShopNow: 98, inShopMean: 100, arrivalsPerSecond: 50, departuresPerSecond: 50,
            timeInShopSeconds: 2.0)
        frame.ticker = CustomerTrace(
            customer: 4_410, sync: .walkedOut(after: .seconds(2)), async: .served(.milliseconds(101)))
        return frame
    }

    /// Just switched from offload back to await: 160 cups still in the back room from before, 5 new buzzers.
    public static var offloadToAwait: ShowFrame {
        var frame = offload
        frame.scenario.asyncHandler = .await
        frame.async.helpers = ShowState.Helpers(threads: 4, busy: 4, waiting: 156)
        frame.async.loops = [.init(state: .idle, lagMs: 0.3, maxLagMs: 0.9, awaiting: 5)]
        frame.async.inShop = 165
        return frame
    }

    /// Just switched the brew from cpu to io: 412 cpu orders from before still in the sync café, and the async
    /// loop still busy with cpu cups, 412 ms late.
    public static var cpuToIO: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 30
        frame.offeredRate = 30
        frame.sync.baristas = frame.sync.baristas.map {
            .init(state: .running, forMs: 350, brewMs: 100, customer: $0.customer)
        }
        frame.sync.doorQueue = 638
        frame.sync.servedPerSecond = 0
        frame.sync.inShopByKind = [.cpu: 412, .io: 230]
        frame.async.loops = [.init(state: .running, lagMs: 412, maxLagMs: 412, awaiting: 0)]
        frame.async.doorQueue = 96
        frame.async.inShopByKind = [.cpu: 40, .io: 60]
        return frame
    }

    /// CPU brews of 100 ms at 50/s on 2 cores: 4 sync baristas and 1 async loop share the cores (about 1.6 and
    /// 0.4 of them), each cup takes 4.4× its brew.
    public static var cpuShared: ShowFrame {
        var frame = saturatedSync
        frame.scenario.kind = .cpu
        frame.scenario.ratePerSecond = 50
        frame.offeredRate = 50
        frame.sync.baristas = frame.sync.baristas.map {
            .init(state: .running, forMs: 441, brewMs: 100, customer: $0.customer)
        }
        frame.sync.servedPerSecond = 15
        frame.async.loops = [.init(state: .running, lagMs: 180, maxLagMs: 240, awaiting: 0)]
        frame.async.doorQueue = 120
        frame.async.servedPerSecond = 4
        frame.machine = MachineLoad(cores: 2, syncCafe: 1.5, asyncCafe: 0.4, show: 0.05)
        return frame
    }

    /// 1,000/s into the sync café: its door is full at the backlog, the kernel turns customers away, they wait
    /// outside and some give up connecting.
    public static var fullBacklog: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 1000
        frame.offeredRate = 1000
        frame.sync.doorQueue = 2049
        frame.sync.connecting = 312
        frame.sync.failures = [.init("refused at the door", 2_100), .init("cut off (reset)", 65)]
        frame.sync.inShop = 2_365
        return frame
    }

    /// 5,000/s of 10 ms brews: both cores are busy with the customers, both cafés and the show.
    public static var saturatedMachine: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 5000
        frame.scenario.brewMilliseconds = 10
        frame.offeredRate = 5000
        frame.async.servedPerSecond = 2360
        frame.async.loops = [.init(state: .idle, lagMs: 3, maxLagMs: 9, awaiting: 0)]
        frame.machine = MachineLoad(cores: 2, syncCafe: 0.3, asyncCafe: 0.8, show: 0.85)
        return frame
    }

    /// `barista --rate 5000/s --brew 10ms`: the sync café serves 400/s, its full door keeps 7,800 customers retrying
    /// outside, and with ~10,000 in flight the generator is at its limit: 3,169 customers never went out, to
    /// either café. The async café serves only the customers who were sent.
    public static var generatorAtLimit: ShowFrame {
        var frame = saturatedMachine
        frame.sync.baristas = frame.sync.baristas.map {
            .init(state: .blocked, forMs: 6, brewMs: 10, customer: $0.customer)
        }
        frame.sync.doorQueue = 2049
        frame.sync.connecting = 7_800
        frame.sync.inShop = 2_053
        frame.sync.served = 1_860
        frame.sync.servedPerSecond = 400
        frame.async.served = 9_412
        frame.async.servedPerSecond = 310
        frame.sync.doorHistory = History(
            capacity: 60, samples: (0..<60).map { Double(min(max($0 - 50, 0) * 230, 2049)) })
        frame.sync.waitP50Ms = 5_100
        frame.sync.waitP99Ms = 9_800
        frame.sync.waitHistogram = [0, 0, 0, 0, 0, 0, 0, 0, 1_200, 660]
        frame.sync.little = LittleWindow(
            seconds: 5, inShopNow: 2_053, inShopMean: 2_050, arrivalsPerSecond: 400, departuresPerSecond: 400,
            timeInShopSeconds: 5.1)
        frame.async.inShop = 3
        frame.async.waitP50Ms = 11
        frame.async.waitP99Ms = 14
        frame.async.waitHistogram = [0, 9_412, 0, 0, 0, 0, 0, 0, 0, 0]
        frame.async.little = steady(310, inShop: 3.4, stay: 0.011)
        frame.sync.notSent = NotSent(count: 3_169, lately: 3_169, reason: .inFlightLimit)
        frame.async.notSent = NotSent(count: 3_169, lately: 3_169, reason: .inFlightLimit)
        frame.ticker = CustomerTrace(customer: 24_818, sync: .failed("not sent"), async: .failed("not sent"))
        return frame
    }

    /// 20 customers a second, one in five slow (each takes 5 s to give its order): every sync barista stands
    /// reading a slow order, serving nobody, while the door fills and the 408s begin; the async café reads the
    /// slow orders on its loop (4 still ordering at its door) and brews the others at once.
    public static var slowCustomers: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 20
        frame.scenario.slowShare = 0.2
        frame.scenario.slowFor = .seconds(5)
        frame.offeredRate = 20
        frame.sync.baristas = [
            .init(state: .reading, forMs: 3200, customer: "1205"),
            .init(state: .reading, forMs: 2400, customer: "1210"),
            .init(state: .reading, forMs: 1750, customer: "1215"),
            .init(state: .reading, forMs: 450, customer: "1220"),
        ]
        frame.sync.doorQueue = 46
        frame.sync.doorHistory = History(capacity: 60, samples: (0..<60).map { Double(max($0 - 40, 0)) * 2.3 })
        frame.sync.served = 212
        frame.sync.servedPerSecond = 3
        frame.sync.failures = [.init("turned away (408)", 9)]
        frame.sync.waitP50Ms = 2900
        frame.sync.waitP99Ms = 9100
        frame.sync.inShop = 50
        frame.sync.little = LittleWindow(
            seconds: 5, inShopNow: 50, inShopMean: 41, arrivalsPerSecond: 20, departuresPerSecond: 5,
            timeInShopSeconds: 2.9)
        frame.async.doorQueue = 4
        frame.async.ordering = 4  // the loop reads the slow orders between other work, no barista tied up
        frame.async.loops = [.init(state: .idle, lagMs: 0.3, maxLagMs: 0.8, awaiting: 2)]
        frame.async.servedPerSecond = 20
        frame.async.waitP50Ms = 101
        frame.async.waitP99Ms = 5100
        frame.async.inShop = 22
        frame.async.little = steady(20, inShop: 21.8, stay: 1.09)
        frame.ticker = CustomerTrace(
            customer: 1204, sync: .served(.milliseconds(2950)), async: .served(.milliseconds(101)))
        return frame
    }

    /// `barista --rate 1000/s`: the customers need most of the cores, so each café's `/stats` comes back seconds
    /// late and the customers' own figures too. The panes say how old they are instead of passing them off as now.
    public static var staleStats: ShowFrame {
        var frame = customersBehind
        frame.sync.statsAgeSeconds = 4.3
        frame.async.statsAgeSeconds = 3.1
        frame.customers = CustomersClock(lagMs: 900, figuresAgeSeconds: 2.4)
        return frame
    }

    /// 1,000/s on 2 cores: the load generator needs 1.5 of them and starts customers 630 ms late, so their orders
    /// reach the sync baristas late (they stand "reading", with no slow customer in the scene); the sync door is
    /// full with customers retrying outside, as in the 80×24 screen.
    public static var customersBehind: ShowFrame {
        var frame = fullBacklog
        frame.sync.baristas = [
            .init(state: .reading, forMs: 630, customer: "117"),
            .init(state: .reading, forMs: 610, customer: "118"),
            .init(state: .reading, forMs: 420, customer: "121"),
            .init(state: .blocked, forMs: 40, brewMs: 100, customer: "119"),
        ]
        frame.sync.goneAtDoor = 1_833
        frame.sync.connecting = 212
        frame.sync.failures = [.init("timed out connecting", 1_457, short: "conn. timeout")]
        frame.machine = MachineLoad(cores: 2, syncCafe: 0.2, asyncCafe: 0.25, show: 1.5, other: 0.05)
        frame.customers = CustomersClock(lagMs: 630, figuresAgeSeconds: 0.05)
        return frame
    }

    /// CPU brews of 100 ms on a machine where other programs (a compiler, say) take 1.3 of the 2 cores: a cup takes
    /// 10.5× its brew, and the cores row says who has the cores.
    public static var busyMachine: ShowFrame {
        var frame = cpuShared
        frame.sync.baristas = frame.sync.baristas.map {
            .init(state: .running, forMs: 1050, brewMs: 100, customer: $0.customer)
        }
        frame.machine = MachineLoad(cores: 2, syncCafe: 0.4, asyncCafe: 0.2, show: 0.06, other: 1.3)
        return frame
    }

    /// `--rate 5000/s --brew 10ms`: the async café answers 408 to customers who never sent their order within its
    /// header timeout; most of them had walked out, so only the café's own count knows those answers.
    public static var answers4xx: ShowFrame {
        var frame = saturatedMachine
        frame.async.failures = [
            .init("answered 408 Request Timeout", 312, short: "408"),
            .init("answered 400 Bad Request", 4, short: "400"),
        ]
        frame.async.unseen4xx = 12_854
        frame.async.unseen4xxStatus = "408 Request Timeout"
        frame.async.walkedOut = 12_871
        return frame
    }

    /// Every way a customer gets no cup, at once, in both panes: each one named with its count.
    public static var everyErrorKind: ShowFrame {
        var frame = fullBacklog
        let all: [ShowState.Failure] = [
            .init("timed out connecting", 3_523, short: "conn. timeout"),
            .init("refused (nobody at the door)", 1_457, short: "refused"),
            .init("reset by the café", 300, short: "reset"),
            .init("turned away (503 Service Unavailable)", 75, short: "503"),
            .init("hung up early", 12, short: "hung up"), .init("answered 404 Not Found", 8, short: "404"),
            .init("bad answer", 2, short: "bad answer"),
        ]
        frame.sync.failures = all
        frame.async.failures = Array(all.suffix(4))
        frame.async.unseen4xx = 41
        frame.async.unseen4xxStatus = "408 Request Timeout"
        return frame
    }

    /// The door closed a minute ago after a load: nothing now, the last waits kept with their age.
    public static var idleAfterLoad: ShowFrame {
        var frame = saturatedSync
        frame.scenario.ratePerSecond = 0
        frame.offeredRate = 0
        for cafe in CafeKind.allCases {
            var state = frame.state(of: cafe)
            state.doorQueue = 0
            state.inShop = 0
            state.servedPerSecond = 0
            state.servedHistory = History(capacity: 60, samples: Array(repeating: 0, count: 60))
            state.secondsSinceLastCup = 61
            state.waitAgeSeconds = 61
            state.little = LittleWindow(
                seconds: 5, inShopNow: 0, inShopMean: 0, arrivalsPerSecond: 0, departuresPerSecond: 0,
                timeInShopSeconds: nil)
            state.baristas = state.baristas.map { _ in .init(state: .idle) }
            state.loops = state.loops.map { _ in .init(state: .idle) }
            if cafe == .sync { frame.sync = state } else { frame.async = state }
        }
        return frame
    }

    /// `r` pressed during overload: the counters are zero, yet 363 are queued at the door right now.
    public static var justReset: ShowFrame {
        var frame = saturatedSync
        frame.sync.doorQueue = 363
        frame.sync.doorHistory = History(capacity: 60, samples: [363])
        frame.async.doorHistory = History(capacity: 60, samples: [0])
        for cafe in CafeKind.allCases {
            var state = frame.state(of: cafe)
            state.served = 0
            state.servedPerSecond = 0
            state.servedHistory = History(capacity: 60)
            state.waitP50Ms = nil
            state.waitP99Ms = nil
            state.waitHistogram = []
            state.little = nil
            if cafe == .sync { frame.sync = state } else { frame.async = state }
        }
        frame.ticker = nil
        return frame
    }

    /// A long day: six-digit counters everywhere, which must all show (shortened if need be).
    public static var sixDigits: ShowFrame {
        var frame = overloadWalkOuts
        frame.sync.served = 123_456
        frame.sync.walkedOut = 234_567
        frame.sync.brewedForNobody = 345_678
        frame.sync.failures = [.init("refused at the door", 456_789)]
        frame.sync.doorQueue = 2049
        frame.sync.goneAtDoor = 1_987
        frame.async.served = 987_654
        frame.async.walkedOut = 876_543
        frame.async.brewedForNobody = 765_432
        frame.async.failures = [.init("turned away (503)", 654_321), .init("cut off (reset)", 543_210)]
        frame.sync.notSent = NotSent(count: 432_109, reason: .outOfPorts)
        frame.async.notSent = NotSent(count: 321_098, reason: .outOfPorts)
        return frame
    }

    /// The async café ran out of file descriptors: it pauses its door and says why.
    public static var outOfDescriptors: ShowFrame {
        var frame = saturatedSync
        frame.async.doorQueue = 412
        frame.async.doorJammed = "out of file descriptors (EMFILE)"
        return frame
    }

    /// Real peers (`--peers python`, `--sync-url`): gunicorn -w 4 on this machine, its door read from the kernel,
    /// and a server elsewhere whose door nobody here can see. Neither has a bar on screen: it is unknown.
    public static var outsideView: ShowFrame {
        var frame = saturatedSync
        frame.sync.baristas = []
        frame.sync.outsideView = OutsideView(
            url: "http://127.0.0.1:43567/brew?ms=100&kind=io", server: "gunicorn -w 4 (sync workers)",
            doorFromKernel: true)
        frame.async.loops = []
        frame.async.doorQueue = 0
        frame.async.doorCapacity = nil
        frame.async.outsideView = OutsideView(url: "http://10.0.0.7:8000/sleep?ms=100", doorFromKernel: false)
        frame.machine?.asyncCafe = nil  // another machine's CPU
        frame.syncURL = "http://127.0.0.1:43567"
        frame.asyncURL = "http://10.0.0.7:8000"
        return frame
    }

    /// A lesson playing over the saturated sync café: the answer revealed beside the measured figure, one check
    /// passed and one waiting, the hint shown.
    public static var lessonStep: ShowFrame {
        var frame = saturatedSync
        frame.lesson = LessonPanel(
            lessonTitle: "The buzzer: async serving", step: 2, steps: 9, heading: "Four baristas who wait",
            narration: "Sixty customers a second walk into each café. Each cup takes 100 ms at the machine, and a sync "
                + "barista stands there for all of it. Watch the door.",
            prediction: .init(
                question: "How many cups per second will the sync café serve?",
                phase: .revealed(
                    answer: "50", measured: "40.0/s", expected: "40", judgement: .off("25%"),
                    explanation: "4 baristas ÷ 0.1 s = 40 cups/s, whatever is offered.")),
            checks: [
                .init(text: "sync.served_per_s >= 34 within 15s", state: .passed),
                .init(
                    text: "sync.p50_ms > 3 * async.p50_ms within 20s", state: .waiting,
                    seen: "saw 612ms vs async.p50_ms 101ms"),
            ],
            hint: "Count the baristas.")
        return frame
    }
}
