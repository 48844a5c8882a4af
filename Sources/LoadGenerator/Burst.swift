import CafeModel

/// A crowd at the door: `40@2s` — 40 customers at the same instant, every 2 seconds (the first crowd at once).
///
/// On the server: a spike of simultaneous connections, the case a listen backlog exists for.
public struct Burst: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var size: Int
    public var every: Duration

    public init(size: Int, every: Duration) {
        self.size = size
        self.every = every
    }

    /// Reads `SIZE@PERIOD`, for example `40@2s`.
    public static func parse(_ text: String) throws(LoadFlagError) -> Burst {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let size = Int(parts[0]), size >= 1,
            let every = DurationText.parse(String(parts[1])), every >= .milliseconds(1)
        else {
            throw LoadFlagError(
                "a burst is customers@period, such as 40@2s (at least 1 customer, 1ms apart), not '\(text)'")
        }
        guard size <= 100_000 else { throw LoadFlagError("a burst of more than 100000 customers at once: '\(text)'") }
        return Burst(size: size, every: every)
    }

    public var description: String { "\(size)@\(DurationText.format(every))" }
}
