/// How far a café can be staffed, and the one check of a number against it, whether the number comes from a
/// flag (`--workers 600`), the show's flags or `POST /control` (`workers=600`): the same bounds, the same words.
public enum CafeLimits {
    /// Sync baristas: worker threads (at start or live).
    public static let workers = 1...512
    /// Async baristas: event loops (fixed at start).
    public static let loops = 1...64
    /// Back-room helpers: threads for blocking brews in offload mode (at start or live).
    public static let offloadThreads = 1...512
    /// Requests in progress beyond which the async café answers 503 (uvicorn `--limit-concurrency`).
    public static let limitConcurrency = 1...Int.max
    /// The listen backlog: how many customers the door holds.
    public static let backlog = 1...Int(Int32.max)
    /// A TCP port; 0 asks the kernel for a free one.
    public static let port = 0...65535

    /// `value` if `range` holds it; else why not, naming the setting as `name` ("--workers", "workers").
    /// A negative number is called negative first: it is the usual slip, and "must be from 1" alone hides it.
    @discardableResult
    public static func check(_ name: String, _ value: Int, in range: ClosedRange<Int>) throws(SettingError) -> Int {
        if value < 0, range.lowerBound >= 0 {
            throw SettingError("\(name) is negative (\(value)); it counts something, so it must be \(words(range))")
        }
        guard range.contains(value) else { throw SettingError("\(name) must be \(words(range)), not \(value)") }
        return value
    }

    /// The whole number `text` if `range` holds it, with the same words as `check`.
    public static func parse(_ name: String, _ text: String, in range: ClosedRange<Int>) throws(SettingError) -> Int {
        guard let value = Int(text) else {
            throw SettingError("\(name) must be a whole number \(words(range)), not '\(text)'")
        }
        return try check(name, value, in: range)
    }

    /// The async café's handler mode from its name.
    public static func handler(_ name: String, _ text: String) throws(SettingError) -> HandlerMode {
        guard let mode = HandlerMode(rawValue: text) else {
            throw SettingError("\(name) must be await, block or offload, not '\(text)'")
        }
        return mode
    }

    /// How the async café's loops share the door, from its name.
    public static func door(_ name: String, _ text: String) throws(SettingError) -> DoorSharing {
        guard let door = DoorSharing(rawValue: text) else {
            throw SettingError("\(name) must be shared or reuseport, not '\(text)'")
        }
        return door
    }

    private static func words(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    }
}
