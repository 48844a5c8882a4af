import CafeModel

/// A rush building up: `10/s..200/s@30s` — the arrival rate climbs in a straight line from 10/s to 200/s
/// over 30 seconds, then stays at 200/s.
///
/// On the server: load increasing until something saturates, the way capacity is found.
public struct Ramp: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var from: Rate
    public var to: Rate
    public var over: Duration

    public init(from: Rate, to: Rate, over: Duration) {
        self.from = from
        self.to = to
        self.over = over
    }

    /// Reads `FROM..TO@OVER`, for example `10/s..200/s@30s`.
    public static func parse(_ text: String) throws(LoadFlagError) -> Ramp {
        let usage = "a ramp is from..to@duration, such as 10/s..200/s@30s, not '\(text)'"
        let atParts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard atParts.count == 2, let over = DurationText.parse(String(atParts[1])), over > .zero else {
            throw LoadFlagError(usage)
        }
        guard let range = atParts[0].range(of: "..") else { throw LoadFlagError(usage) }
        let fromText = String(atParts[0][..<range.lowerBound]), toText = String(atParts[0][range.upperBound...])
        guard !fromText.isEmpty, !toText.isEmpty else { throw LoadFlagError(usage) }
        return Ramp(from: try Rate.parse(fromText), to: try Rate.parse(toText), over: over)
    }

    public var description: String { "\(from)..\(to)@\(DurationText.format(over))" }
}
