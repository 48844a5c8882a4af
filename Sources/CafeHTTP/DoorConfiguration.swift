import CafeModel

/// What both cafés' configurations share, with the same flags and meanings: where the door is and how many it
/// holds, how long a customer may take to order, and where the admin port listens. Checked once, here.
public protocol DoorConfiguration {
    var host: String { get set }
    /// 0 asks the kernel for a free port.
    var port: Int { get set }
    /// The listen backlog: how many customers the door holds before the kernel stops answering.
    var backlog: Int { get set }
    /// A client that sends no complete request head within this gets 408.
    var headerTimeout: Duration { get set }
    /// 0 asks the kernel for a free port.
    var adminPort: Int { get set }
    /// Where `/stats`, `/metrics` and `/control` listen: loopback unless asked otherwise.
    var adminHost: String { get set }
    /// Lets `/control` obey peers beyond loopback that present `Authorization: Bearer TOKEN`.
    var adminToken: String? { get set }
    /// Closing time (SIGTERM): how long the cups in progress have to finish (`--graceful-timeout`, gunicorn's).
    var shutdownGrace: Duration { get set }
}

extension DoorConfiguration {
    /// The door's settings checked, each named by its `barista serve` flag.
    public func validateDoor() throws(SettingError) {
        try CafeLimits.check("--port", port, in: CafeLimits.port)
        try CafeLimits.check("--admin-port", adminPort, in: CafeLimits.port)
        try CafeLimits.check("--backlog", backlog, in: CafeLimits.backlog)
        if let adminToken, adminToken.isEmpty { throw SettingError("--admin-token must not be empty") }
        guard headerTimeout > .zero else { throw SettingError("--header-timeout must be above 0") }
        guard shutdownGrace >= .zero else { throw SettingError("--graceful-timeout must be 0 or more") }
    }
}
