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
        let request = "POST /control HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return try OneShotClient(port: port, timeout: .seconds(5)).send(Array(request.utf8))
    }

    /// Polls `/stats` until `condition` holds or `timeout` passes; returns the last snapshot seen.
    @discardableResult
    public func waitFor(
        timeout: Duration = .seconds(10), _ condition: (ServerStats) -> Bool
    ) throws -> ServerStats {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last = try stats()
        while !condition(last) && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            last = try stats()
        }
        return last
    }

    /// The same for an async test: waits with `Task.sleep`, holding no thread of the cooperative pool.
    public func waitFor(
        timeout: Duration = .seconds(10), _ condition: (ServerStats) -> Bool
    ) async throws -> ServerStats {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last = try stats()
        while !condition(last) && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            last = try stats()
        }
        return last
    }
}
