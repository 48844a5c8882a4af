/// Every change a key can make to the show, as a value: the keyboard, a lesson step and a demo script all send
/// these, and `Scenario.applying(_:)` says what each one does to the settings.
public enum ShowAction: Equatable, Hashable, Sendable {
    /// More / fewer customers per second (through `Scenario.rateSteps`), or an exact rate.
    case rateUp, rateDown, setRate(Double)
    /// One more / one fewer sync barista (worker thread), or an exact number.
    case workersUp, workersDown, setWorkers(Int)
    /// The async handler: await → block → offload → await, or a given one.
    case cycleHandler, setHandler(HandlerMode)
    /// The brew: io ↔ cpu, or a given kind.
    case toggleKind, setKind(BrewKind)
    /// Longer / shorter brews (through `Scenario.brewSteps`), or an exact time in milliseconds.
    case brewLonger, brewShorter, setBrew(milliseconds: Int)
    /// Arrivals constant ↔ poisson, or a given kind.
    case toggleArrivals, setArrivals(ArrivalKind)
    /// Close or open the door (pause / resume the load).
    case togglePause, setPaused(Bool)
    /// Slow customers: this share of the customers (0…1) send their order a few bytes at a time over `for`.
    case setSlow(share: Double, for: Duration)
    /// The async café's event loops (a change restarts the café: a loop count is fixed at start, as in uvicorn).
    case setLoops(Int)
    /// How the async café's loops share the door (a change restarts the café, as a new loop count does).
    case setDoor(DoorSharing)
    /// The async café's back-room helpers (offload thread pool size).
    case setOffloadThreads(Int)
    /// The async café sheds load: 503 at once beyond this many requests in progress (nil: no limit).
    case setAsyncLimit(Int?)
    /// Django (`--peers django`): one sync-only middleware in front of the views, or none (a restart).
    case setDjangoMiddleware(sync: Bool)
    /// Django (`--peers django`): the async side's customers ask for `brew_sync_orm` (the sync ORM in `async def`).
    case setDjangoORM(sync: Bool)
    /// How long a customer waits before walking out.
    case setPatience(Duration)
    /// What stands in front of the sync side: nothing, or the real nginx (`--proxy nginx`).
    case setProxy(SyncProxy)
    /// This share of the customers (0…1) asks nginx for a static file instead of a cup (`--static 30%`).
    case setStaticShare(Double)
    /// Show or hide the code panel (the view's lines with the customers at each); the screen only.
    case toggleCode, setCode(Bool)
    /// A whole scene at once (a lesson step): every setting of the scenario.
    case setScenario(Scenario)
    /// A key for the lesson player (next, back, answer, hint, restart, typing an answer); no setting changes.
    case lesson(LessonKey)
    /// Zero the counters of both cafés and of the load generator.
    case resetCounters
    /// A clean slate between scenes: the customers inside leave, both cafés' queues (door, bar, back room) are
    /// emptied and every counter is zeroed; the settings stay as they are.
    case clearShop
    /// Open or close the help overlay (screen only, no setting changes).
    case help
    /// End the show.
    case quit

    /// True when the action changes what the servers or the load generator do (not just the screen).
    public var changesScenario: Bool {
        switch self {
        case .resetCounters, .clearShop, .help, .quit, .lesson, .toggleCode, .setCode: return false
        default: return true
        }
    }
}
