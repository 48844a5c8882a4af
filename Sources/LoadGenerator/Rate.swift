import CafeModel

/// How many customers walk in per second: `50/s`, `3000/m`, or a bare `50` (per second).
///
/// On the server: the offered load, in requests per second.
public struct Rate: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var perSecond: Double

    /// The most customers per second the generator accepts: far above what one machine can serve, but a
    /// typo such as `50000000/s` is refused instead of filling the memory with planned customers.
    public static let maximumPerSecond = 1_000_000.0

    public init(perSecond: Double) { self.perSecond = perSecond }

    /// Reads `N/s`, `N/m` or a bare `N`; the rate must be above 0.
    public static func parse(_ text: String) throws(LoadFlagError) -> Rate {
        var number = Substring(text)
        var perUnit = 1.0
        if text.hasSuffix("/s") {
            number = number.dropLast(2)
        } else if text.hasSuffix("/m") {
            number = number.dropLast(2)
            perUnit = 60
        }
        guard let value = Double(number), value.isFinite, value > 0 else {
            throw LoadFlagError(
                "a rate is customers per second or minute above 0, such as 50/s or 300/m, not '\(text)'")
        }
        let perSecond = value / perUnit
        guard perSecond <= maximumPerSecond else {
            throw LoadFlagError("a rate above \(Int(maximumPerSecond))/s is not a café, it is a flood: '\(text)'")
        }
        return Rate(perSecond: perSecond)
    }

    /// The time between two customers at this rate.
    public var gap: Duration { .nanoseconds(Int64((1e9 / perSecond).rounded())) }

    public var description: String {
        let rounded = (perSecond * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))/s" : "\(rounded)/s"
    }
}
