import CafeHTTP
import CafeModel

/// How an async café is set up: the flags of `barista serve async`, with uvicorn's meanings.
public struct AsyncCafeConfiguration: DoorConfiguration, Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the kernel for a free port.
    public var port = 8002
    /// Baristas with buzzers: event loops (threads), each serving every customer it was handed.
    public var loops = 1
    /// How the loops share the door: one socket and queue for all (`shared`), or one each (`reuseport`).
    public var door: DoorSharing = .shared
    /// What the handler does with an I/O brew: await a timer, block the loop, or offload to a helper.
    public var handler: HandlerMode = .await
    /// Back-room helpers: threads that run blocking brews in `offload` mode.
    public var offloadThreads = 4
    /// Beyond this many requests in progress, answer 503 at once (uvicorn `--limit-concurrency`); nil = no limit.
    public var limitConcurrency: Int?
    /// The listen backlog: how many customers the door holds before the kernel stops answering.
    public var backlog = 2048
    /// A connection that sends no complete request head within this gets 408 (or, when idle after a
    /// kept-alive answer, is closed quietly).
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

    /// Every setting checked, each named by its `barista serve async` flag; the first one wrong is thrown.
    public func validate() throws(SettingError) {
        try CafeLimits.check("--loops", loops, in: CafeLimits.loops)
        try CafeLimits.check("--offload-threads", offloadThreads, in: CafeLimits.offloadThreads)
        if let limitConcurrency { try CafeLimits.check("--limit-concurrency", limitConcurrency, in: CafeLimits.limitConcurrency) }
        try validateDoor()
    }
}
