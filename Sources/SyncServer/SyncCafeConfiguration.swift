/// How a sync café is set up: the flags of `barista serve sync`, with gunicorn's meanings.
public struct SyncCafeConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the kernel for a free port.
    public var port = 8001
    /// Baristas: worker threads, each serving one customer at a time.
    public var workers = 4
    /// The listen backlog: how many customers the door holds before the kernel stops answering.
    public var backlog = 2048
    /// A worker busy longer than this is killed and replaced (gunicorn `--timeout`).
    public var timeout: Duration = .seconds(30)
    /// A client that sends no complete request head within this gets 408 (the bound against slow clients).
    public var headerTimeout: Duration = .seconds(10)
    public var adminPort = 0
    /// Where the admin port (`/stats`, `/metrics`, `/control`) listens: loopback unless asked otherwise,
    /// whatever `host` is, so opening the café to the network does not open its controls.
    public var adminHost = "127.0.0.1"
    /// With a token, `/control` also obeys peers beyond loopback that present `Authorization: Bearer TOKEN`;
    /// without one, `/control` from a non-loopback peer is refused (403).
    public var adminToken: String?
    /// How long SIGTERM lets brews in progress finish.
    public var shutdownGrace: Duration = .seconds(2)

    /// The most baristas a café can be given (live or at start).
    public static let maximumWorkers = 512

    public init() {}
}
