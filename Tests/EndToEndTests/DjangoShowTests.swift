import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveShows {
    /// `barista --peers django`: the django lesson played headless on the real Django, and no Python process left
    /// after it or after `kill -9` of barista. Needs the pinned Django (`PeerPython.hasDjango`); `.ci/run` installs it.
    @Suite(
        "barista --peers django: the lesson on Django, nothing left behind", .serialized,
        .enabled(if: PeerPython.hasDjango, PeerPython.howToEnableDjango))
    struct DjangoShowTests {
        @Test("barista lesson django --headless --peers django: every step on Django, every check passes, exit 0")
        func lessonOnDjango() throws {
            let process = Process()
            process.executableURL = BaristaBinary.url
            process.arguments = [
                "lesson", "django", "--headless", "--peers", "django", "--python", PeerPython.djangoPath ?? "python3",
                "--peer-apps", PeerPython.apps, "--sync-port", "0", "--async-port", "0",
            ]
            process.currentDirectoryURL = PeerPython.checkout
            process.environment = BaristaBinary.environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let show = process.processIdentifier
            // Read while it runs, and look once in the middle: the Django processes are the show's.
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            print(
                stdout.split(separator: "\n").filter { $0.contains("✓") || $0.contains("✗") || $0.hasPrefix("##") }
                    .joined(separator: "\n"))
            #expect(process.terminationStatus == 0, "\(stdout)\n\(stderr.suffix(2000))")
            #expect(stdout.contains(" checks passed") && !stdout.contains("not passed"), "\(stdout)")
            #expect(stdout.contains("## 8/8 "), "every step reached")
            #expect(processes(startedBy: show).isEmpty, "no Python process outlives the lesson")
        }

        @Test("kill -9 of the show: gunicorn cafe.wsgi and uvicorn cafe.asgi:application end with it")
        func killNine() async throws {
            let session = try TmuxSession([
                BaristaBinary.url.path, "--peers", "django", "--python", PeerPython.djangoPath ?? "python3",
                "--peer-apps", PeerPython.apps, "--rate", "20/s",
            ])
            let screen = await session.screen(timeout: .seconds(60)) {
                $0.contains("cafe.wsgi") && $0.contains("cafe.asgi:application") && $0.contains("✓")
            }
            #expect(screen.contains("gunicorn cafe.wsgi -w 4"), "the pane names the command: \(screen)")
            let shell = try #require(session.panePID)
            let show = try #require(childProcesses(of: shell).first, "barista runs inside the pane")
            let started = processes(startedBy: show)
            // Two guards, the arbiter and its 4 workers, and uvicorn.
            #expect(started.count >= 7, "\(started)")
            kill(show, SIGKILL)
            #expect(
                await eventually(within: .seconds(15), every: .milliseconds(50)) { processes(startedBy: show).isEmpty },
                "no Python process outlives barista")
        }
    }
}
