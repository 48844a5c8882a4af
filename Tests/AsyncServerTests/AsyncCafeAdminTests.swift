import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import TestSupport
import Testing

/// The async café wires the same admin guard as the sync café: loopback by default, and from beyond loopback
/// `/control` obeys only the café's token.
@Suite(
    "The async café's admin port from beyond loopback", .serialized,
    .enabled(if: LocalAddresses.nonLoopbackIPv4() != nil, "this machine has no non-loopback IPv4 address"),
    .onOwnThreads)
struct AsyncCafeAdminTests {
    private func control(host: String, port: Int, body: String, token: String? = nil) throws -> Int {
        let authorization = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        let request =
            "POST /control HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\(authorization)"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return try OneShotClient(host: host, port: port, timeout: .seconds(5)).send(Array(request.utf8)).status
    }

    /// A café on every address, its admin port on `adminHost`.
    private func openCafe(adminHost: String = "127.0.0.1", token: String? = nil) throws -> AsyncCafe {
        var configuration = AsyncCafeConfiguration()
        configuration.host = "0.0.0.0"
        configuration.port = 0
        configuration.adminPort = 0
        configuration.adminHost = adminHost
        configuration.adminToken = token
        return try AsyncCafe(configuration: configuration)
    }

    @Test("/control from a non-loopback peer is 403 without the token and changes nothing; with it, 200")
    func tokenFromOutside() throws {
        let cafe = try openCafe(adminHost: "0.0.0.0", token: "s3cret")
        defer { cafe.shutdown() }
        let outside = try #require(LocalAddresses.nonLoopbackIPv4())
        #expect(try control(host: outside, port: cafe.adminPort, body: "handler=block") == 403)
        #expect(try control(host: outside, port: cafe.adminPort, body: "handler=block", token: "wrong") == 403)
        #expect(cafe.handler == .await, "a refused /control changes nothing")
        #expect(try control(host: outside, port: cafe.adminPort, body: "handler=block", token: "s3cret") == 200)
        #expect(cafe.handler == .block)
        #expect(
            try control(host: "127.0.0.1", port: cafe.adminPort, body: "handler=await") == 200,
            "loopback needs no token")
    }

    @Test("by default the admin port stays on loopback even when the café listens on every address")
    func adminStaysOnLoopback() throws {
        let cafe = try openCafe()
        defer { cafe.shutdown() }
        let outside = try #require(LocalAddresses.nonLoopbackIPv4())
        #expect(try OneShotClient(host: outside, port: cafe.port, timeout: .seconds(5)).get("/").status == 200)
        #expect(throws: OneShotClient.Failure.self) {
            _ = try self.control(host: outside, port: cafe.adminPort, body: "handler=block")
        }
        #expect(cafe.handler == .await)
    }
}
