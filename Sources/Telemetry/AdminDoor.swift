import CafeHTTP
import Synchronization

/// A café's staff door: its admin server (`/stats`, `/metrics`, `/control`), opened the same way by both cafés.
///
/// The café opens it last, once the café exists, because the admin server reports on the café itself.
public final class AdminDoor: Sendable {
    private let server = Mutex<AdminServer?>(nil)

    public init() {}

    /// The admin port the kernel gave (the real one when 0 was asked for); 0 before it opens.
    public var port: Int { server.withLock { $0?.port ?? 0 } }

    /// Opens the admin port `doors` asks for (host, port, token), answering for `source`, with the spare
    /// descriptors of the café's door (`DoorJam.reserve`). Throws `.adminPortInUse` when it cannot be bound.
    public func open(
        _ doors: DoorConfiguration, for source: any TelemetrySource, reserve: DescriptorReserve
    ) throws(ServeError) {
        do {
            let opened = try AdminServer(
                host: doors.adminHost, port: doors.adminPort, token: doors.adminToken, reserve: reserve,
                source: source)
            server.withLock { $0 = opened }
        } catch {
            throw .adminPortInUse(doors.adminPort)
        }
    }

    /// Closes the admin port (the café's last word is said: nobody can watch or control it any more).
    public func close() {
        server.withLock { $0?.shutdown() }
    }
}
