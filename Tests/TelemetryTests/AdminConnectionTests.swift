import CafeHTTP
import CafeModel
import Foundation
import NIOCore
import Telemetry
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whether the peer closes `fd` within `timeout`: reads (and drops) whatever it answers until end of file.
private func closedByPeer(_ fd: Int32, within timeout: Duration) async -> Bool {
    await eventually(within: timeout, every: .milliseconds(10)) { peerHasClosed(fd) }
}

/// Reads (and drops) what has arrived on `fd` without waiting; true once it reaches end of file.
private func peerHasClosed(_ fd: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        if recv(fd, &buffer, buffer.count, 0) <= 0 { return true }
    }
}

@Suite("The admin port lets go of connections it has no use for", .onOwnThreads)
struct AdminConnectionTests {
    @Test("a connection that sends nothing is closed after the idle timeout")
    func idleClosed() async throws {
        let admin = try AdminServer(host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(200), source: StillCafe())
        defer { admin.shutdown() }
        let fd = try OneShotClient(port: admin.port, timeout: .seconds(5)).connect()
        defer { close(fd) }
        let closed = await closedByPeer(fd, within: .seconds(10))
        #expect(closed, "\(closed ? "" : Self.diagnosis(port: admin.port))")
    }

    /// Where a connection the admin port did not close stands: still in its accept queue (never accepted), or
    /// accepted and open.
    private static func diagnosis(port: Int) -> String {
        guard let queued = KernelSocketTable.readDiag(port: port)?.queued else { return "the door could not be read" }
        return queued > 0 ? "still in the admin port's accept queue" : "accepted, and still open"
    }

    @Test("after its own 400 (Connection: close) the admin port closes the connection")
    func closedAfterBadRequest() async throws {
        let admin = try AdminServer(host: "127.0.0.1", port: 0, source: StillCafe())
        defer { admin.shutdown() }
        let fd = try OneShotClient(port: admin.port, timeout: .seconds(5)).connect()
        defer { close(fd) }
        sendText(fd, "NOT HTTP AT ALL\r\n\r\n")
        // Well before the 30 s idle timeout: the close follows the answer.
        #expect(await closedByPeer(fd, within: .seconds(5)))
    }
}
