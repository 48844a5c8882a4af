import CafeHTTP
import CafeModel

/// How a sync café is set up: the flags of `barista serve sync`, with gunicorn's meanings. The door, admin port
/// and closing time are the `doors` both cafés share, read as this configuration's own (`configuration.port`).
public struct SyncCafeConfiguration: CafeConfiguration {
    public var doors = DoorConfiguration(port: 8001)
    /// Baristas: worker threads, each serving one customer at a time.
    public var workers = 4
    /// A worker busy longer than this is killed and replaced (gunicorn `--timeout`). Above 0: gunicorn reads 0
    /// as "never", which here would read as "kill every brew", so 0 is refused rather than guessed at.
    public var timeout: Duration = .seconds(30)

    public init() {}

    /// Every setting checked, each named by its `barista serve sync` flag; the first one wrong is thrown.
    public func validate() throws(SettingError) {
        try CafeLimits.check("--workers", workers, in: CafeLimits.workers)
        guard timeout > .zero else {
            throw SettingError(
                "--timeout must be above 0 (a worker busy longer is killed); for no limit, give a long one such as 1h")
        }
        try doors.validate()
    }
}
