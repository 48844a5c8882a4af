import CafeHTTP
import CafeModel
import Foundation
import LoadGenerator
import Synchronization
import Telemetry

/// Runs the show behind the screen: both cafés as child processes, the same customers into both, their
/// `/stats` polled, and one `ShowFrame` merged from the server and client views each time the screen asks.
/// Keys and lesson steps arrive as `ShowAction` values and become `/control` requests and load changes.
public final class ScenarioRunner: ShowDriver {
    public internal(set) var scenario: Scenario
    // Replaced by a clean slate (`x`, ShopClearing.swift): new cafés on the same ports, new customers.
    /// The process barista started for each side: its own café, or a Python café's guard; nil for a URL.
    public internal(set) var syncCafe: ChildCafe?
    public internal(set) var asyncCafe: ChildCafe?
    /// The sides barista sees only from outside (`--sync-url`, `--peers python`): OutsideCafe.swift.
    public internal(set) var outside: [CafeKind: OutsideCafe] = [:]
    /// The real nginx in front of the sync side, while the scene asks for it (NginxFront.swift).
    public internal(set) var front: NginxFront?
    let options: ShowOptions
    let supervisor: Supervisor
    var syncPoller: StatsPoller?
    var asyncPoller: StatsPoller?
    var load: LoadRun
    /// `/control` requests go out in order on this queue, so a key never waits for the network.
    private let controlQueue = DispatchQueue(label: "barista.control")
    /// Raised by a signal watcher (SIGTERM, SIGHUP, Ctrl-C as a signal) to end the show.
    public let stopRequest = StopRequest()
    /// What the show remembers of each café between frames (histories, averages, last figures).
    var memory = (sync: CafeMemory(), async: CafeMemory())
    var lastQueueSample: ContinuousClock.Instant?
    /// Who keeps the machine's cores busy: the cafés, the show (screen, polling, customers) and everything else.
    private var machineCores = MachineCores()
    /// When the generator's figures last changed: how old the customers' side of the frame is.
    private var customersSeen: (elapsed: Double, at: ContinuousClock.Instant)?
    /// The generator's lag now, as the worst of the last second (one late burst stays readable).
    private var lagLately = WindowAverage(window: .seconds(1))
    /// Each café's 4xx answers no customer received, as last measured while the customers' figures were on time.
    private var unseen4xxOnTime = (sync: 0, async: 0)
    /// The last clean slate: what it sent home, how long it took; its notice stays on screen for a few seconds.
    public internal(set) var lastClearing: ShopClearing?
    /// The last key an outside server could not obey, and when (shown like the clean slate's notice).
    var outsideNotice: (text: String, at: ContinuousClock.Instant)?

    /// Starts both cafés and the customers. On failure nothing is left running.
    public init(options: ShowOptions) throws {
        self.options = options
        scenario = options.scenario
        supervisor = Supervisor(executable: options.executable)
        do {
            (syncCafe, asyncCafe, outside) = try Self.openSides(options, supervisor: supervisor)
            front = try Self.openFront(
                scenario, options: options, sync: syncCafe, outside: outside, supervisor: supervisor)
            load = try LoadRun(
                targets: Self.targets(sync: syncCafe, async: asyncCafe, outside: outside, front: front),
                plan: Self.plan(for: scenario, seed: options.seed))
        } catch {
            supervisor.terminateAll()
            throw error
        }
        (syncPoller, asyncPoller) = Self.pollers(sync: syncCafe, async: asyncCafe, outside: outside)
        // A closed door lets nobody in, not even the first customer of the day.
        if scenario.paused || scenario.ratePerSecond <= 0 { load.startPaused() } else { load.start() }
    }

    /// Ends the customers, the pollers and the cafés, quickly: a quitting show must give the terminal back at
    /// once, and nobody is waiting for the cups in progress. The cafés get `grace` to stop on SIGTERM, then
    /// SIGKILL. Safe to call more than once.
    public func shutdown(grace: Duration = .milliseconds(150)) {
        load.stop()
        syncPoller?.stop()
        asyncPoller?.stop()
        outside.values.forEach { $0.stop() }
        front?.stop()
        // No wait for `/control` requests still queued: they are moot now, and one to a café that stopped
        // answering would hold the terminal for its 2 s timeout.
        supervisor.terminateAll(grace: grace)
    }

    public var stopRequested: Bool { stopRequest.isRaised }

    // MARK: - ShowDriver

    public func frame() -> ShowFrame {
        let now = ContinuousClock.now
        let snapshot = load.snapshot()
        var sync = cafeState(.sync, child: syncCafe, poller: syncPoller, snapshot: snapshot)
        var async = cafeState(.async, child: asyncCafe, poller: asyncPoller, snapshot: snapshot)
        seeFromOutside(&sync, snapshot: snapshot)
        seeFromOutside(&async, snapshot: snapshot)
        statsAge(&sync, poller: syncPoller ?? outside[.sync]?.poller, now: now)
        statsAge(&async, poller: asyncPoller ?? outside[.async]?.poller, now: now)
        sync.front = front?.view()
        if sync.front != nil, let files = snapshot.targets.first(where: { $0.label == Self.staticLabel }),
            files.planned > 0
        {
            sync.front?.staticFiles = ClientView.staticFiles(files)
        }
        if lastQueueSample.map({ $0.duration(to: now) >= .seconds(1) }) ?? true {
            lastQueueSample = now
            memory.sync.sampleQueues(sync)
            memory.async.sampleQueues(async)
        }
        memory.sync.complete(&sync, now: now)
        memory.async.complete(&async, now: now)
        let machine = machineCores.measure(
            .init(
                machine: MachineCores.machineSeconds(), sync: cpuSeconds(of: .sync), async: cpuSeconds(of: .async),
                show: ProcessUsage.cpuSeconds()))
        sync.coresUsed = machine?.syncCafe
        async.coresUsed = machine?.asyncCafe
        var frame = ShowFrame(
            sync: sync, async: async, scenario: scenario, offeredRate: offeredRate,
            ticker: ClientView.ticker(snapshot, patience: scenario.patience),
            syncURL: url(of: .sync), asyncURL: url(of: .async))
        frame.notice = lastClearing?.currentNotice ?? currentOutsideNotice
        frame.machine = machine
        frame.customers = customersClock(snapshot, now: now)
        // A café's new 4xx count against customers' figures seconds old would count answers still on their way
        // as "to nobody": while the customers' figures are late, the last difference taken on time stands.
        if frame.customers.figuresAreLate {
            frame.sync.unseen4xx = unseen4xxOnTime.sync
            frame.async.unseen4xx = unseen4xxOnTime.async
        } else {
            unseen4xxOnTime = (frame.sync.unseen4xx, frame.async.unseen4xx)
        }
        return frame
    }

    /// How late the customers are: the generator's own lag (the worst of the last second) and how long since its
    /// figures last moved (a generator short of CPU publishes late too).
    private func customersClock(_ snapshot: LoadSnapshot, now: ContinuousClock.Instant) -> CustomersClock {
        if customersSeen?.elapsed != snapshot.elapsedSeconds || snapshot.state != .running {
            customersSeen = (snapshot.elapsedSeconds, now)
        }
        let age = customersSeen.map { $0.at.duration(to: now).milliseconds / 1000 } ?? 0
        if let lag = snapshot.scheduleLagNowMs { lagLately.record(lag, at: now) }
        let lag = snapshot.state == .running ? lagLately.maximum : nil
        return CustomersClock(lagMs: lag, figuresAgeSeconds: age)
    }

    /// The age of the server's side of a pane: since its newest `/stats` was asked for.
    private func statsAge(_ state: inout ShowState, poller: StatsPoller?, now: ContinuousClock.Instant) {
        guard state.serverDown == nil, let asked = poller?.latestAskedAt else { return }
        state.statsAgeSeconds = asked.duration(to: now).milliseconds / 1000
    }

    /// A café's CPU seconds so far, from the kernel: barista's own café by its pid, a Python café by its process
    /// group; nil for a server elsewhere.
    private func cpuSeconds(of cafe: CafeKind) -> Double? {
        if let outside = outside[cafe] { return outside.cpuSeconds() }
        guard let child = cafe == .sync ? syncCafe : asyncCafe, child.isRunning else { return nil }
        return MachineCores.processSeconds(child.pid)
    }

    public func perform(_ action: ShowAction) {
        let before = scenario
        scenario = scenario.applying(action)
        if action == .clearShop { clearShop(); return }
        if action == .resetCounters {
            if outside[.sync] == nil, let syncCafe { control(syncCafe, ControlRequest(reset: true)) }
            if outside[.async] == nil, let asyncCafe { control(asyncCafe, ControlRequest(reset: true)) }
            load.reset()
            forgetMeasurements()
            return
        }
        if case .lesson = action { return }
        if !obeyOutside(action, before: before) { return }
        if scenario.syncProxy != before.syncProxy, !switchProxy(before: before) { return }
        // An event loop count and its door are fixed when a café starts (as in uvicorn): a change restarts the cafés.
        if scenario.loops != before.loops || scenario.asyncDoor != before.asyncDoor {
            clearShop()
            return
        }
        // Django reads its middleware once, at start: a new setting restarts its servers.
        if scenario.django.syncMiddleware != before.django.syncMiddleware, options.peers?.apps == .django {
            clearShop()
            return
        }
        if scenario.syncWorkers != before.syncWorkers, outside[.sync] == nil, let syncCafe {
            control(syncCafe, ControlRequest(workers: scenario.syncWorkers))
        }
        if scenario.asyncHandler != before.asyncHandler || scenario.offloadThreads != before.offloadThreads,
            outside[.async] == nil, let asyncCafe
        {
            control(asyncCafe, ControlRequest(handler: scenario.asyncHandler, offloadThreads: scenario.offloadThreads))
        }
        if scenario.asyncLimit != before.asyncLimit, outside[.async] == nil, let asyncCafe {
            control(asyncCafe, ControlRequest(limitConcurrency: scenario.asyncLimit ?? 0))
        }
        if Self.plan(for: scenario, seed: options.seed) != Self.plan(for: before, seed: options.seed) {
            load.update(plan: Self.plan(for: scenario, seed: options.seed))
        }
        let wasOpen = !before.paused && before.ratePerSecond > 0
        let isOpen = !scenario.paused && scenario.ratePerSecond > 0
        if wasOpen && !isOpen { load.pause() }
        if !wasOpen && isOpen { load.resume() }
    }

    // MARK: - Pieces

    private var offeredRate: Double { scenario.paused ? 0 : scenario.ratePerSecond }

    private func cafeState(
        _ cafe: CafeKind, child: ChildCafe?, poller: StatsPoller?, snapshot: LoadSnapshot
    ) -> ShowState {
        var state = ShowState(cafe: cafe)
        let stats = poller?.latest
        if let stats { state.absorb(stats) }
        if let target = snapshot.targets.first(where: { $0.label == cafe.rawValue }) {
            ClientView.apply(target, patience: scenario.patience, inFlightLimit: snapshot.maxInFlight, to: &state)
            if let stats {
                state.unseen4xx = ClientView.unseen4xx(stats.counters, target: target)
                state.unseen4xxStatus = stats.counters.status4xxByCode?.max { $0.value < $1.value }
                    .flatMap { Int($0.key) }.map { HTTPStatus(rawValue: $0).description }
            }
        }
        if let status = child?.exitStatus {
            let how = status > 128 ? "was killed by signal \(status - 128)" : "exited with status \(status)"
            let last = child?.lastStderrLine.map { "; its last words: \($0)" } ?? ""
            state.serverDown = "the \(cafe.rawValue) café \(how)\(last)"
        }
        return state
    }

    /// After a reset or a clean slate: the charts and averages start again from what the cafés hold now, not
    /// from an empty minute.
    func forgetMeasurements() {
        memory.sync.reset()
        memory.async.reset()
        lastQueueSample = nil
    }

    private func control(_ cafe: ChildCafe, _ change: ControlRequest) {
        let port = cafe.adminPort
        controlQueue.async { ControlClient.post(port: port, change) }
    }

    static func syncArguments(_ scenario: Scenario) -> [String] {
        ["--workers", String(scenario.syncWorkers)]
    }

    static func asyncArguments(_ scenario: Scenario) -> [String] {
        [
            "--handler", scenario.asyncHandler.rawValue, "--loops", String(scenario.loops),
            "--offload-threads", String(scenario.offloadThreads), "--door", scenario.asyncDoor.rawValue,
        ]
            + (scenario.asyncLimit.map { ["--limit-concurrency", String($0)] } ?? [])
    }

    /// Customers in flight to each café: 10,000, or fewer when the open-file limit cannot hold two cafés' worth of
    /// sockets (each customer in flight is one), with room left for the show's own files.
    static let maxInFlightPerCafe: Int = min(10_000, max(100, (ProcessUsage.raiseOpenFileLimit() - 512) / 2))

    /// The load generator's plan for a scenario; a paused door keeps the last real rate (the run is paused).
    static func plan(for scenario: Scenario, seed: UInt64) -> LoadPlan {
        let rate = Rate(perSecond: max(scenario.ratePerSecond, Scenario.rateSteps[0]))
        let arrivals: Arrivals = scenario.arrivals == .poisson ? .poisson(rate, seed: seed) : .constant(rate)
        var plan = LoadPlan(
            arrivals: arrivals, order: scenario.order, patience: scenario.patience, maxInFlight: maxInFlightPerCafe,
            slowShare: scenario.slowShare, slowFor: scenario.slowFor, slowSeed: seed)
        // With nginx in front, this share asks it for the static file (the `static` target); without, nobody does.
        plan.staticShare = scenario.staticShare
        // `{mode}` in an outside server's path template (the Python async café's `mode=`), `{view}` Django's view.
        plan.pathValues = ["mode": scenario.asyncHandler.rawValue, "view": PeerStack.view(for: scenario)]
        return plan
    }
}
