import CafeModel
import Foundation
import LoadGenerator
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// The show's sides that are not barista's own cafés: a server given by URL, or the Python cafés of `--peers
/// python`. Kept apart from ScenarioRunner.swift so barista's own cafés read as before.
extension ScenarioRunner {
    /// Opens each side: an outside server by URL, a Python café under its guard, or barista's own café.
    static func openSides(
        _ options: ShowOptions, supervisor: Supervisor
    ) throws
        -> (sync: ChildCafe?, async: ChildCafe?, outside: [CafeKind: OutsideCafe])
    {
        var children: [CafeKind: ChildCafe] = [:]
        var outside: [CafeKind: OutsideCafe] = [:]
        for cafe in CafeKind.allCases {
            if let opened = try openSide(cafe, options: options, scenario: options.scenario, supervisor: supervisor) {
                children[cafe] = opened.child
                outside[cafe] = opened.outside
            }
        }
        return (children[.sync], children[.async], outside)
    }

    /// One side; nil only never (the tuple's parts are nil where they do not apply).
    static func openSide(
        _ cafe: CafeKind, options: ShowOptions, scenario: Scenario, supervisor: Supervisor
    ) throws
        -> (child: ChildCafe?, outside: OutsideCafe?)?
    {
        if let url = options.url(of: cafe) {
            let outside = try OutsideCafe(
                cafe, url: url, pathTemplate: options.pathTemplate, statsPort: options.statsPort(of: cafe))
            return (nil, outside)
        }
        if let peers = options.peers {
            let child = try peers.launch(cafe, scenario: scenario, supervisor: supervisor)
            let outside = try OutsideCafe(
                cafe, url: "http://127.0.0.1:\(child.port)", pathTemplate: peers.pathTemplate(cafe),
                server: peers.serverName(cafe, scenario: scenario), processGroup: child.pid,
                serverPID: child.commandPID, source: peers.viewSource(cafe))
            return (child, outside)
        }
        let port = cafe == .sync ? options.syncPort : options.asyncPort
        let arguments = cafe == .sync ? syncArguments(scenario) : asyncArguments(scenario)
        return (try supervisor.launch(cafe, port: port, arguments: arguments), nil)
    }

    /// Where the customers go: each outside side's URL, each own café on loopback.
    static func targets(
        sync: ChildCafe?, async: ChildCafe?, outside: [CafeKind: OutsideCafe], front: NginxFront? = nil
    ) -> [LoadTarget] {
        let cafes = [(CafeKind.sync, sync), (.async, async)].map { cafe, child in
            var target =
                outside[cafe]?.target ?? LoadTarget(label: cafe.rawValue, host: "127.0.0.1", port: child?.port ?? 0)
            // nginx in front: the customers knock on nginx's door, with the same orders, but for the ones who ask it
            // for a static file (`--static`); the async café has no nginx, and every customer orders a cup there.
            if cafe == .sync, let front {
                target.host = "127.0.0.1"
                target.port = front.port
                target.split = .dynamicOnly
            }
            return target
        }
        guard let front else { return cafes }
        var files = LoadTarget(label: staticLabel, host: "127.0.0.1", port: front.port, path: NginxFront.staticPath)
        files.split = .staticOnly
        return cafes + [files]
    }

    /// The load generator's name for the customers who ask nginx for the static file.
    static let staticLabel = "static"

    /// `/stats` pollers for barista's own cafés only (an outside side polls its own, if it has one).
    static func pollers(
        sync: ChildCafe?, async: ChildCafe?, outside: [CafeKind: OutsideCafe]
    )
        -> (StatsPoller?, StatsPoller?)
    {
        func poller(_ cafe: CafeKind, _ child: ChildCafe?) -> StatsPoller? {
            guard outside[cafe] == nil, let child else { return nil }
            return StatsPoller(adminPort: child.adminPort)
        }
        return (poller(.sync, sync), poller(.async, async))
    }

    /// Adds what an outside side shows: the door from the kernel, `/stats` if it answers, what is unknown.
    func seeFromOutside(_ state: inout ShowState, snapshot: LoadSnapshot) {
        guard let side = outside[state.cafe] else { return }
        side.apply(to: &state, order: scenario.order, values: Self.plan(for: scenario, seed: options.seed).pathValues)
        // A Python café follows the keys that reach it (w/W are gunicorn's TTIN/TTOU): its name says how many now.
        if let peers = options.peers, options.url(of: state.cafe) == nil {
            state.outsideView?.server = peers.serverName(state.cafe, scenario: scenario)
            // What the kernel sees of its processes, and the last exception its log named (Django's 500s).
            let child = state.cafe == .sync ? syncCafe : asyncCafe
            state.outsideView?.kernel = side.processView()
            state.outsideView?.lastException = child?.lastException
        }
    }

    /// The header's address of a side.
    func url(of cafe: CafeKind) -> String {
        if let side = outside[cafe] { return side.origin }
        return "http://127.0.0.1:\((cafe == .sync ? syncCafe : asyncCafe)?.port ?? 0)"
    }

    /// How long the screen says a key was not available.
    static let noticeLifetime: Duration = .seconds(4)

    var currentOutsideNotice: String? {
        guard let outsideNotice, outsideNotice.at.duration(to: .now) < Self.noticeLifetime else { return nil }
        return outsideNotice.text
    }

    /// Carries out on an outside side what can be carried out: gunicorn really adds or removes a worker on
    /// SIGTTIN/SIGTTOU, and a path template with `{mode}` takes the async handler. Anything that needs a café's
    /// `/control` is put back as it was, and the screen says it is not available. Returns true to go on.
    func obeyOutside(_ action: ShowAction, before: Scenario) -> Bool {
        if scenario.syncWorkers != before.syncWorkers, let side = outside[.sync] {
            if options.peers != nil, options.syncURL == nil, let guardian = syncCafe, guardian.isRunning {
                PeerStack.changeWorkers(arbiter: guardian.commandPID, by: scenario.syncWorkers - before.syncWorkers)
            } else {
                scenario.syncWorkers = before.syncWorkers
                say("baristas: not available for an outside server (\(side.origin))")
            }
        }
        if scenario.loops != before.loops, options.asyncURL != nil, let side = outside[.async] {
            scenario.loops = before.loops
            say("event loops: not available for an outside server (\(side.origin))")
        }
        if scenario.asyncDoor != before.asyncDoor, let side = outside[.async] {
            scenario.asyncDoor = before.asyncDoor
            say("door sharing: not available for an outside server (\(side.origin))")
        }
        let path = outside[.async]?.target.path ?? ""
        if scenario.asyncHandler != before.asyncHandler || scenario.offloadThreads != before.offloadThreads,
            let side = outside[.async], !path.contains("{mode}") && !path.contains("{view}")
        {
            scenario.asyncHandler = before.asyncHandler
            scenario.offloadThreads = before.offloadThreads
            say("async handler: not available for an outside server (\(side.origin))")
        }
        if scenario.asyncLimit != before.asyncLimit, let side = outside[.async] {
            scenario.asyncLimit = before.asyncLimit
            say("--limit-concurrency: not available for an outside server (\(side.origin))")
        }
        return true
    }

    func say(_ text: String) { outsideNotice = (text, .now) }
}
