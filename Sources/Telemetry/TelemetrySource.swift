import CafeModel

/// What a café shows through its admin port: a snapshot for `/stats` and `/metrics`, and live changes
/// through `/control`. Called from the admin thread, never from a worker or a serving event loop.
public protocol TelemetrySource: Sendable {
    func stats() -> ServerStats
    /// Applies `name=value` settings (e.g. `workers=6`, `handler=block`); returns a one-line summary of the
    /// change, or throws `ControlError` naming the setting that was refused (nothing is changed then).
    func control(_ settings: [String: String]) throws(ControlError) -> String
}

/// A `/control` request that cannot be applied; answered with 400 and this text.
public struct ControlError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
