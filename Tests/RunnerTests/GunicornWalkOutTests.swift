import CafeHTTP
import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The overload screen says a café brews for customers who walked out "as gunicorn does". This checks it on
/// gunicorn itself: a sync worker reads the order already in the kernel and brews it, whoever is still there
/// (gunicorn/workers/sync.py has no check for a client that has gone between accept and the app).
@Suite(
    "What the screen says of gunicorn, checked on gunicorn",
    .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable), .onOwnThreads)
struct GunicornWalkOutTests {
    @Test("a customer who walks out while queued still gets a cup brewed: gunicorn's access log shows it served")
    func gunicornBrewsForNobody() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "barista-gunicorn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let accessLog = folder.appendingPathComponent("access.log")
        // Launched as the show launches it (under its guard, which reports the port), with an access log.
        let supervisor = Supervisor(executable: BaristaBinary.url.path)
        defer { supervisor.terminateAll() }
        let command =
            [try #require(PeerPython.path)] + PeerStack.gunicorn(workers: 1).dropLast() + [
                "--access-logfile", accessLog.path, "wsgi_app:app",
            ]
        let port = try supervisor.launchPeer(.sync, command: command, directory: PeerPython.apps).port

        let client = OneShotClient(port: port, timeout: .seconds(30))
        func order(_ fd: Int32, _ path: String) {
            sendText(fd, "GET \(path) HTTP/1.1\r\nHost: cafe\r\n\r\n")
        }
        // The only worker brews a long cup; meanwhile a second customer orders and walks out at once.
        let staying = try client.connect()
        defer { close(staying) }
        order(staying, "/brew?ms=1500&kind=io")
        await pause(for: .milliseconds(200))  // only so that the worker is usually busy first; either order proves it
        let leaving = try client.connect()
        order(leaving, "/brew?ms=50&kind=io")
        close(leaving)
        #expect(try client.readReply(staying).status == 200)

        let served = await waitForLine(in: accessLog, containing: "GET /brew?ms=50&kind=io HTTP/1.1\" 200")
        #expect(
            served != nil, "gunicorn's access log: \((try? String(contentsOf: accessLog, encoding: .utf8)) ?? "none")")
    }

    /// The first line of the access log that contains `text`, waiting up to 20 s for gunicorn to write it.
    private func waitForLine(in file: URL, containing text: String) async -> String? {
        func line() -> String? {
            (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n").first { $0.contains(text) }
                .map(String.init)
        }
        return await eventually(within: .seconds(20), every: .milliseconds(50), line, until: { $0 != nil })
    }
}
