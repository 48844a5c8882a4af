import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19's probe on the real stack: `gunicorn -k uvicorn_worker.UvicornWorker -w 2` in block mode, beside
/// `barista serve async --loops 2 --handler block`. One 3 s blocking brew holds one worker; ten 10 ms orders arrive
/// at once.
/// gunicorn's workers inherit one listening socket, so the free worker takes all ten, as barista's free loop does.
@Suite("Two workers, one door: barista's loops beside gunicorn's uvicorn workers", .serialized,
       .enabled(if: PeerPython.hasUvicornWorker, PeerPython.howToEnableUvicornWorker))
struct SharedDoorPeerTests {
    private static let block = "/brew?ms=3000&kind=io&mode=block"
    private static let order = "/brew?ms=10&kind=io&mode=block"

    /// The kernel's word for what a process waits in (`/proc/PID/wchan`): `hrtimer_nanosleep` in `time.sleep`,
    /// `do_epoll_wait` in the event loop.
    private func waitChannel(_ pid: Int32) -> String {
        (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? ""
    }

    /// Runs the probe on gunicorn with uvicorn's worker, two workers, `extra` flags added.
    private func gunicorn(_ extra: [String] = []) throws -> BlockedLoopProbe.Outcome {
        let supervisor = Supervisor(executable: BaristaBinary.url.path)
        defer { supervisor.terminateAll() }
        // With --reuse-port gunicorn 27's workers bind a socket each (the arbiter binds none and logs no address):
        // they must be told one port, and the guard is told it too.
        let reusePort = extra.contains("--reuse-port")
        let port = reusePort ? try #require(NginxFront.freePorts(1).first) : 0
        let command = [try #require(PeerPython.path), "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:\(port)",
                       "--graceful-timeout", "1", "--worker-class", "uvicorn_worker.UvicornWorker"]
            + extra + ["asgi_app:app"]
        let peer = try supervisor.launchPeer(
            .async, command: command, directory: PeerPython.apps, port: reusePort ? port : nil)
        let clock = ContinuousClock()
        func workers() -> [Int32] { childProcesses(of: peer.commandPID).filter(isAlive) }
        // Both workers booted and waiting in their event loops before the first customer.
        let booted = clock.now.advanced(by: .seconds(20))
        func waiting() -> Bool { workers().count == 2 && workers().allSatisfy { waitChannel($0).contains("epoll") } }
        while clock.now < booted && !waiting() {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(workers().count == 2)
        return try BlockedLoopProbe.run(port: peer.port, block: Self.block, order: Self.order) {
            let deadline = clock.now.advanced(by: .seconds(10))
            while clock.now < deadline && !workers().contains(where: { waitChannel($0).contains("nanosleep") }) {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// The same probe on barista's own café, run as a user would start it.
    private func barista(door: String) throws -> BlockedLoopProbe.Outcome {
        let cafe = try ServeProcessHandle(["serve", "async", "--port", "0", "--loops", "2", "--handler", "block",
                                           "--door", door])
        defer {
            cafe.signal(SIGTERM)
            _ = cafe.waitForExit()
        }
        let admin = AdminClient(port: cafe.adminPort)
        return try BlockedLoopProbe.run(port: cafe.port, block: Self.block, order: Self.order) {
            try admin.waitFor { $0.loops.contains { $0.state == .blocked } }
        }
    }

    @Test("one worker blocked for 3 s: the free one serves all ten 10 ms orders within 1 s, in gunicorn as in barista")
    func sameShape() throws {
        let python = try gunicorn()
        let ours = try barista(door: "shared")
        print("blocked-loop probe, shared door: gunicorn -k uvicorn_worker.UvicornWorker -w 2: \(python.summary); "
              + "barista serve async --loops 2: \(ours.summary)")
        #expect(python.served(within: .seconds(1)) == 10, "gunicorn: \(python.summary)")
        #expect(ours.served(within: .seconds(1)) == 10, "barista: \(ours.summary)")
        #expect(python.blockerStatus == 200 && ours.blockerStatus == 200)
    }

    @Test("gunicorn --reuse-port gives each worker a socket and queue of its own, as barista's door=reuseport does")
    func reusePort() throws {
        let python = try gunicorn(["--reuse-port"])
        let ours = try barista(door: "reuseport")
        print("blocked-loop probe, reuse-port: gunicorn --reuse-port -w 2: \(python.summary); "
              + "barista --door reuseport: \(ours.summary)")
        // One queue per worker (gunicorn 27: each worker binds with SO_REUSEPORT): the kernel puts each newcomer at
        // the blocked worker's door about half the time, and those wait for the long brew (all ten miss it one time
        // in 1,024, so only the cups are asserted), in both.
        #expect(python.statuses.count == 10 && python.statuses.allSatisfy { $0 == 200 },
                "gunicorn --reuse-port: \(python.summary)")
        #expect(ours.statuses.count == 10 && ours.statuses.allSatisfy { $0 == 200 },
                "barista --door reuseport: \(ours.summary)")
    }
}
