import CafeHTTP
import CafeModel

/// How a sync café is set up: the flags of `barista serve sync`, with gunicorn's meanings.
public struct SyncCafeConfiguration: DoorConfiguration, Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the kernel for a free port.
    public var port = 8001
    /// Baristas: worker threads, each serving one customer at a time.
    public var workers = 4
    /// The listen backlog: how many customers the door holds before the kernel stops answering.
    public var backlog = 2048
    /// A worker busy longer than this is killed and replaced (gunicorn `--timeout`). Above 0: gunicorn reads 0
    /// as "never", which here would read as "kill every brew", so 0 is refused rather than guessed at.
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
    /// Closing time (SIGTERM): how long the cups in progress have to finish before the rest are answered 503
    /// (`--graceful-timeout`, 30 s by default as gunicorn's). A café opened in a program (tests, benchmarks) closes
    /// within 2 s, so a test's café never holds its thread for half a minute.
    public var shutdownGrace: Duration = .seconds(2)

    public init() {}

    /// Every setting checked, each named by its `barista serve sync` flag; the first one wrong is thrown.
    public func validate() throws(SettingError) {
        try CafeLimits.check("--workers", workers, in: CafeLimits.workers)
        guard timeout > .zero else {
            throw SettingError("--timeout must be above 0 (a worker busy longer is killed); for no limit, give a long one such as 1h")
        }
        try validateDoor()
    }
}
