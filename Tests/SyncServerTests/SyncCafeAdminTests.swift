import CafeHTTP
import CafeModel
import Foundation
import SyncServer
import TestSupport
import Testing

@Suite("The admin port's exposure and its /control manners", .serialized, .onOwnThreads)
struct SyncCafeAdminTests {
    private static let outsideAddress = LocalAddresses.nonLoopbackIPv4()

    private func control(
        host: String = "127.0.0.1", port: Int, body: String, token: String? = nil, scheme: String = "Bearer"
    ) throws -> OneShotClient.Reply {
        let authorization = token.map { "Authorization: \(scheme) \($0)\r\n" } ?? ""
        let request =
            "POST /control HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\(authorization)"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return try OneShotClient(host: host, port: port, timeout: .seconds(5)).send(Array(request.utf8))
    }

    private func openCafe(host: String, adminHost: String = "127.0.0.1", token: String? = nil) throws -> SyncCafe {
        var configuration = SyncCafeConfiguration()
        configuration.host = host
        configuration.port = 0
        configuration.adminPort = 0
        configuration.workers = 2
        configuration.adminHost = adminHost
        configuration.adminToken = token
        return try SyncCafe(configuration: configuration)
    }

    @Test(
        "a café on all addresses keeps its admin port on loopback",
        .enabled(if: outsideAddress != nil, "this machine has no non-loopback IPv4 address"))
    func adminStaysOnLoopback() throws {
        let cafe = try openCafe(host: "0.0.0.0")
        defer { cafe.shutdown() }
        let outside = try #require(Self.outsideAddress)
        #expect(try OneShotClient(host: outside, port: cafe.port, timeout: .seconds(5)).get("/").status == 200)
        #expect(throws: OneShotClient.Failure.self) {
            try self.control(host: outside, port: cafe.adminPort, body: "workers=3")
        }
        #expect(try control(port: cafe.adminPort, body: "workers=3").status == 200)
    }

    @Test(
        "/control from a non-loopback peer is 403 unless it presents the café's token",
        .enabled(if: outsideAddress != nil, "this machine has no non-loopback IPv4 address"))
    func controlNeedsTheTokenFromOutside() throws {
        let cafe = try openCafe(host: "0.0.0.0", adminHost: "0.0.0.0", token: "s3cret")
        defer { cafe.shutdown() }
        let outside = try #require(Self.outsideAddress)
        #expect(try control(host: outside, port: cafe.adminPort, body: "workers=3").status == 403)
        #expect(try control(host: outside, port: cafe.adminPort, body: "workers=3", token: "wrong").status == 403)
        #expect(cafe.targetWorkers == 2, "a refused /control changes nothing")
        #expect(try control(host: outside, port: cafe.adminPort, body: "workers=3", token: "s3cret").status == 200)
        #expect(cafe.targetWorkers == 3)
        #expect(
            try OneShotClient(host: outside, port: cafe.adminPort, timeout: .seconds(5)).get("/stats").status == 200)
        #expect(try control(port: cafe.adminPort, body: "workers=4").status == 200, "loopback needs no token")
    }

    @Test(
        "the Bearer scheme is case-insensitive (RFC 9110); the token itself is not",
        .enabled(if: outsideAddress != nil, "this machine has no non-loopback IPv4 address"))
    func bearerSchemeAnyCase() throws {
        let cafe = try openCafe(host: "0.0.0.0", adminHost: "0.0.0.0", token: "s3cret")
        defer { cafe.shutdown() }
        let outside = try #require(Self.outsideAddress)
        for (scheme, workers) in [("bearer", 3), ("BEARER", 4), ("BeArEr", 5)] {
            let reply = try control(
                host: outside, port: cafe.adminPort, body: "workers=\(workers)", token: "s3cret", scheme: scheme)
            #expect(reply.status == 200, "\(scheme): \(reply.status) \(reply.body)")
            #expect(cafe.targetWorkers == workers)
        }
        #expect(
            try control(host: outside, port: cafe.adminPort, body: "workers=2", token: "S3CRET", scheme: "bearer")
                .status == 403)
        #expect(
            try control(host: outside, port: cafe.adminPort, body: "workers=2", token: "s3cret", scheme: "Basic").status
                == 403)
    }

    @Test("/control reads a form as forms are sent: workers=%36 is 6, a+b is 'a b'")
    func percentDecoded() throws {
        let cafe = try openCafe(host: "127.0.0.1")
        defer { cafe.shutdown() }
        #expect(try control(port: cafe.adminPort, body: "workers=%36").status == 200)
        #expect(cafe.targetWorkers == 6)
        #expect(try control(port: cafe.adminPort, body: "%77orkers=3").status == 200)
        #expect(cafe.targetWorkers == 3)
        let spaced = try control(port: cafe.adminPort, body: "workers=a+b")
        #expect(spaced.status == 400 && spaced.body.contains("'a b'"), "\(spaced.body)")
    }

    @Test("an absurd Content-Length gets 400 with a body that says why")
    func absurdContentLength() throws {
        let cafe = try openCafe(host: "127.0.0.1")
        defer { cafe.shutdown() }
        for length in ["100000000000000000000", "-1", "12abc"] {
            let request = "POST /control HTTP/1.1\r\nHost: x\r\nContent-Length: \(length)\r\n\r\nworkers=3"
            let reply = try OneShotClient(port: cafe.adminPort, timeout: .seconds(5)).send(Array(request.utf8))
            #expect(reply.status == 400, "\(length)")
            #expect(reply.body.contains("Content-Length"), "\(length): '\(reply.body)'")
        }
        #expect(cafe.targetWorkers == 2)
        #expect(try control(port: cafe.adminPort, body: "workers=3").status == 200, "the admin port lives on")
    }

    @Test(
        "without a token, /control from a non-loopback peer is 403 even on an open admin port",
        .enabled(if: outsideAddress != nil, "this machine has no non-loopback IPv4 address"))
    func noTokenNoControlFromOutside() throws {
        let cafe = try openCafe(host: "0.0.0.0", adminHost: "0.0.0.0")
        defer { cafe.shutdown() }
        let outside = try #require(Self.outsideAddress)
        #expect(try control(host: outside, port: cafe.adminPort, body: "workers=3", token: "anything").status == 403)
        #expect(cafe.targetWorkers == 2)
    }

    @Test("an oversized /control body is 413 and changes nothing; negative and odd values say what is wrong")
    func controlManners() throws {
        let cafe = try openCafe(host: "127.0.0.1")
        defer { cafe.shutdown() }
        let huge = "workers=3&pad=" + String(repeating: "x", count: 70_000)
        #expect(try control(port: cafe.adminPort, body: huge).status == 413)
        #expect(cafe.targetWorkers == 2)
        let negative = try control(port: cafe.adminPort, body: "workers=-3")
        #expect(negative.status == 400)
        #expect(negative.body.contains("negative"))
        #expect(try control(port: cafe.adminPort, body: "reset=please").status == 400)
        #expect(try control(port: cafe.adminPort, body: "reset=1").status == 200)
    }
}
