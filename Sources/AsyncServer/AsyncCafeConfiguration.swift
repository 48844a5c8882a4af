import CafeHTTP
import CafeModel

/// How an async café is set up: the flags of `barista serve async`, with uvicorn's meanings. The door, admin port
/// and closing time are the `doors` both cafés share, read as this configuration's own (`configuration.port`).
public struct AsyncCafeConfiguration: CafeConfiguration {
    public var doors = DoorConfiguration(port: 8002)
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

    public init() {}

    /// Every setting checked, each named by its `barista serve async` flag; the first one wrong is thrown.
    public func validate() throws(SettingError) {
        try CafeLimits.check("--loops", loops, in: CafeLimits.loops)
        try CafeLimits.check("--offload-threads", offloadThreads, in: CafeLimits.offloadThreads)
        if let limitConcurrency {
            try CafeLimits.check("--limit-concurrency", limitConcurrency, in: CafeLimits.limitConcurrency)
        }
        try doors.validate()
    }
}
