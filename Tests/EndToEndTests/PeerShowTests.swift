import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveShows {
    /// `barista --peers python` in a real terminal: gunicorn and uvicorn in the panes, and no Python process left
    /// after any exit, `kill -9` of barista included. The tests that run Python need gunicorn and uvicorn
    /// (`PeerPython`); the missing-Python path runs everywhere.
    @Suite("barista --peers python, in a terminal", .serialized)
    struct PeerShowTests {
        @Test("without gunicorn and uvicorn: the install line, exit code 2, nothing started")
        func missingPeers() async throws {
            let result = try await ServeProcessHandle.run([
                "--peers", "python", "--python", "/bin/false", "--peer-apps", PeerPython.apps,
            ])
            #expect(result.status == 2)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("gunicorn, uvicorn, uvicorn_worker: one or more missing from /bin/false"))
            #expect(result.stderr.contains("python3 -m pip install -r Lessons/python/requirements.txt"))
        }

        @Test(
            "kill -9 of the show: every Python process of the run ends with it",
            .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable))
        func killNine() async throws {
            let session = try TmuxSession([
                BaristaBinary.url.path, "--peers", "python", "--python", PeerPython.path ?? "python3",
                "--peer-apps", PeerPython.apps, "--rate", "20/s",
            ])
            let screen = await session.screen(timeout: .seconds(40)) {
                $0.contains("SYNC side") && $0.contains("ASYNC side") && $0.contains("✓")
            }
            #expect(
                screen.contains("gunicorn -w 4"),
                "the show did not start, or its pane does not name gunicorn: \(screen)")
            let shell = try #require(session.panePID)
            let show = try #require(childProcesses(of: shell).first, "barista runs inside the pane")
            // Each Python café runs in the process group of its guard, a child of barista.
            let groups = servingChildren(of: show)
            #expect(groups.count == 2, "two guards")
            #expect(
                groups.allSatisfy { processes(inGroup: $0).count >= 2 }, "each guard has its Python café in its group")
            kill(show, SIGKILL)
            #expect(
                await eventually(within: .seconds(15), every: .milliseconds(50)) {
                    groups.allSatisfy { processes(inGroup: $0).isEmpty }
                },
                "no Python process outlives barista")
        }

        @Test(
            "q: the show ends and so do gunicorn and uvicorn",
            .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable))
        func quit() async throws {
            let session = try TmuxSession([
                BaristaBinary.url.path, "--peers", "python", "--python", PeerPython.path ?? "python3",
                "--peer-apps", PeerPython.apps, "--rate", "20/s",
            ])
            await session.screen(timeout: .seconds(40)) { $0.contains("ASYNC side") && $0.contains("✓") }
            let shell = try #require(session.panePID)
            let show = try #require(childProcesses(of: shell).first)
            let groups = servingChildren(of: show)
            session.send("q")
            #expect(await session.exitStatus() == 0)
            #expect(groups.allSatisfy { processes(inGroup: $0).isEmpty }, "the show waited for its Python cafés to end")
        }
    }
}
