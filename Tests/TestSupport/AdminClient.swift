import CafeHTTP
import CafeModel
import Foundation

/// Talks to a café's admin port the way the show does: `/stats` and `/control`.
public struct AdminClient: Sendable {
    public var port: Int

    public init(port: Int) { self.port = port }

    public func stats() throws -> ServerStats {
        let reply = try OneShotClient(port: port, timeout: .seconds(5)).get("/stats")
        return try ServerStats.decode(from: Data(reply.body.utf8))
    }

    /// `POST /control` with a form body such as `workers=6`.
    public func control(_ body: String) throws -> OneShotClient.Reply {
        let request =
            "POST /control HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return try OneShotClient(port: port, timeout: .seconds(5)).send(Array(request.utf8))
    }

    /// Polls `/stats` until `condition` holds or `timeout` passes; returns the last snapshot seen (`eventually`:
    /// it holds no thread of the cooperative pool).
    @discardableResult
    public func waitFor(
        timeout: Duration = .seconds(30), _ condition: (ServerStats) -> Bool
    ) async throws -> ServerStats {
        try await eventually(within: timeout, { try stats() }, until: condition)
    }
}
