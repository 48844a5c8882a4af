/// What runs the show behind the screen (the Runner): it hands the Dashboard a fresh picture each tick and
/// carries out the changes the keys ask for: the Runner behind the screen, or a lesson around it. Called on one
/// thread only (the screen's main thread, or a headless player).
public protocol ShowDriver: AnyObject {
    /// The latest picture of both cafés; called once per frame, so it must be quick (no I/O).
    func frame() -> ShowFrame
    /// Apply a change: load settings, `/control` to a café, reset counters, or a clean slate (`.clearShop`,
    /// which restarts the cafés and so may hold the caller for a few hundred milliseconds).
    func perform(_ action: ShowAction)
    /// True when the show must end for a reason of its own (SIGTERM, SIGHUP, a fatal error).
    var stopRequested: Bool { get }
}

extension ShowDriver {
    public var stopRequested: Bool { false }
}
