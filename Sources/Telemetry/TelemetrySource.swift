import CafeModel

/// What a café shows through its admin port: a snapshot for `/stats` and `/metrics`, and live changes
/// through `/control`. Called from the admin thread, never from a worker or a serving event loop.
public protocol TelemetrySource: Sendable {
    /// Which café this is: it decides which `/control` settings it takes.
    var cafe: CafeKind { get }
    func stats() -> ServerStats
    /// Applies a change already checked by `ControlRequest(form:for:)`; returns a one-line summary of it.
    func control(_ request: ControlRequest) -> String
}
