import ArgumentParser
import CafeModel

/// A duration flag value such as `100ms`, `10s` or `2m`.
public struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    public var duration: Duration

    public init(_ duration: Duration) { self.duration = duration }

    public init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    public var description: String { DurationText.format(duration) }
    public var defaultValueDescription: String { description }
}
