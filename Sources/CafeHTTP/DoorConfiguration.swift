import CafeModel

/// What both cafés are set up with alike, with the same `barista serve` flags and meanings: the customers' door
/// (where it is, how many it holds, how long a customer may take to order), the staff door (the admin port with
/// `/stats`, `/metrics` and `/control`), and closing time. Checked once, here.
public struct DoorConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    /// 0 asks the kernel for a free port.
    public var port: Int
    /// The listen backlog: how many customers the door holds before the kernel stops answering.
    public var backlog = 2048
    /// A client that sends no complete request head within this gets 408 (the bound against slow clients; the
    /// async café also closes, quietly, a kept-alive connection idle this long).
    public var headerTimeout: Duration = .seconds(10)
    /// 0 asks the kernel for a free port.
    public var adminPort = 0
    /// Where the admin port listens: loopback unless asked otherwise, whatever `host` is, so opening the café to
    /// the network does not open its controls.
    public var adminHost = "127.0.0.1"
    /// With a token, `/control` also obeys peers beyond loopback that present `Authorization: Bearer TOKEN`;
    /// without one, `/control` from a non-loopback peer is refused (403).
    public var adminToken: String?
    /// Closing time (SIGTERM): how long the cups in progress have to finish before the rest are answered 503
    /// (`--graceful-timeout`, 30 s by default as gunicorn's). A café opened in a program (tests, benchmarks)
    /// closes within 2 s, so a test's café never holds its thread for half a minute.
    public var shutdownGrace: Duration = .seconds(2)

    /// The doors of a café whose customers come to `port` unless told otherwise (8001 sync, 8002 async).
    public init(port: Int) {
        self.port = port
    }

    /// The door's settings checked, each named by its `barista serve` flag; the first one wrong is thrown.
    public func validate() throws(SettingError) {
        try CafeLimits.check("--port", port, in: CafeLimits.port)
        try CafeLimits.check("--admin-port", adminPort, in: CafeLimits.port)
        try CafeLimits.check("--backlog", backlog, in: CafeLimits.backlog)
        if let adminToken, adminToken.isEmpty { throw SettingError("--admin-token must not be empty") }
        guard headerTimeout > .zero else { throw SettingError("--header-timeout must be above 0") }
        guard shutdownGrace >= .zero else { throw SettingError("--graceful-timeout must be 0 or more") }
    }
}

/// A café's configuration: its own settings (workers, loops, handler…) and the `doors` both cafés share, whose
/// fields it reads and writes as its own: `configuration.port` is `configuration.doors.port`.
@dynamicMemberLookup
public protocol CafeConfiguration: Sendable {
    var doors: DoorConfiguration { get set }
}

extension CafeConfiguration {
    public subscript<Value>(dynamicMember field: WritableKeyPath<DoorConfiguration, Value>) -> Value {
        get { doors[keyPath: field] }
        set { doors[keyPath: field] = newValue }
    }
}
