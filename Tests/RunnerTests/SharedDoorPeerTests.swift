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
@Suite(
    "Two workers, one door: barista's loops beside gunicorn's uvicorn workers", .serialized,
    .enabled(if: PeerPython.hasUvicornWorker, PeerPython.howToEnableUvicornWorker), .onOwnThreads)
struct SharedDoorPeerTests {
    private static let block = "/brew?ms=3000&kind=io&mode=block"
    private static let order = "/brew?ms=10&kind=io&mode=block"

    /// The kernel's word for what a process waits in (`/proc/PID/wchan`): `hrtimer_nanosleep` in `time.sleep`,
    /// `do_epoll_wait` in the event loop.
    private func waitChannel(_ pid: Int32) -> String {
        (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? ""
    }

    /// Runs the probe on gunicorn with uvicorn's worker, two workers, `extra` flags added.
    private func gunicorn(_ extra: [String] = []) async throws -> BlockedLoopProbe.Outcome {
        let supervisor = Supervisor(executable: BaristaBinary.url.path)
        defer { supervisor.terminateAll() }
        // With --reuse-port gunicorn 27's workers bind a socket each (the arbiter binds none and logs no address):
        // they must be told one port, and the guard is told it too.
        let reusePort = extra.contains("--reuse-port")
        let port = reusePort ? try #require(NginxFront.freePorts(1).first) : 0
        let command =
            [
                try #require(PeerPython.path), "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:\(port)",
                "--graceful-timeout", "1", "--worker-class", "uvicorn_worker.UvicornWorker",
            ]
            + extra + ["asgi_app:app"]
        let peer = try supervisor.launchPeer(
            .async, command: command, directory: PeerPython.apps, port: reusePort ? port : nil)
        func workers() -> [Int32] { childProcesses(of: peer.commandPID).filter(isAlive) }
        // Both workers booted and waiting in their event loops before the first customer.
        await eventually(within: .seconds(20), every: .milliseconds(50)) {
            workers().count == 2 && workers().allSatisfy { waitChannel($0).contains("epoll") }
        }
        #expect(workers().count == 2)
        return try await BlockedLoopProbe.run(port: peer.port, block: Self.block, order: Self.order) {
            await eventually(within: .seconds(10), every: .milliseconds(10)) {
                workers().contains(where: { waitChannel($0).contains("nanosleep") })
            }
        }
    }

    /// The same probe on barista's own café, run as a user would start it.
    private func barista(door: String) async throws -> BlockedLoopProbe.Outcome {
        let cafe = try await ServeProcessHandle.start([
            "serve", "async", "--port", "0", "--loops", "2", "--handler", "block",
            "--door", door,
        ])
        let admin = AdminClient(port: cafe.adminPort)
        let outcome = try await BlockedLoopProbe.run(port: cafe.port, block: Self.block, order: Self.order) {
            try await admin.waitFor { $0.loops.contains { $0.state == .blocked } }
        }
        cafe.signal(SIGTERM)
        _ = await cafe.waitForExit()
        return outcome
    }

    @Test("one worker blocked for 3 s: the free one serves all ten 10 ms orders within 1 s, in gunicorn as in barista")
    func sameShape() async throws {
        let python = try await gunicorn()
        let ours = try await barista(door: "shared")
        print(
            "blocked-loop probe, shared door: gunicorn -k uvicorn_worker.UvicornWorker -w 2: \(python.summary); "
                + "barista serve async --loops 2: \(ours.summary)")
        #expect(python.served(within: .seconds(1)) == 10, "gunicorn: \(python.summary)")
        #expect(ours.served(within: .seconds(1)) == 10, "barista: \(ours.summary)")
        #expect(python.blockerStatus == 200 && ours.blockerStatus == 200)
    }

    @Test("gunicorn --reuse-port gives each worker a socket and queue of its own, as barista's door=reuseport does")
    func reusePort() async throws {
        let python = try await gunicorn(["--reuse-port"])
        let ours = try await barista(door: "reuseport")
        print(
            "blocked-loop probe, reuse-port: gunicorn --reuse-port -w 2: \(python.summary); "
                + "barista --door reuseport: \(ours.summary)")
        // One queue per worker (gunicorn 27: each worker binds with SO_REUSEPORT): the kernel puts each newcomer at
        // the blocked worker's door about half the time, and those wait for the long brew (all ten miss it one time
        // in 1,024, so only the cups are asserted), in both.
        #expect(
            python.statuses.count == 10 && python.statuses.allSatisfy { $0 == 200 },
            "gunicorn --reuse-port: \(python.summary)")
        #expect(
            ours.statuses.count == 10 && ours.statuses.allSatisfy { $0 == 200 },
            "barista --door reuseport: \(ours.summary)")
    }
}
