import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveShows {
    /// `barista --proxy nginx` in a real terminal: the real nginx in front of the sync café, named in the pane's title,
    /// and no nginx left after `kill -9` of barista. The missing-nginx path runs everywhere.
    @Suite("barista --proxy nginx, in a terminal", .serialized)
    struct NginxShowTests {
        @Test("no nginx at --nginx: one line with the install command, exit code 2, nothing started")
        func missingNginx() async throws {
            let result = try await ServeProcessHandle.run(["--proxy", "nginx", "--nginx", "/nonexistent/nginx"])
            #expect(result.status == 2)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("/nonexistent/nginx"))
            #expect(result.stderr.contains("apt-get install nginx"))
        }

        @Test("--static without nginx in front is a usage error")
        func staticNeedsNginx() async throws {
            let result = try await ServeProcessHandle.run(["--static", "30%"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("--static needs --proxy nginx"))
        }

        @Test("kill -9 of the show: nginx ends with it", .enabled(if: NginxTool.isAvailable, NginxTool.howToEnable))
        func killNine() async throws {
            let before = Set(NginxTool.processes())
            let session = try TmuxSession([
                BaristaBinary.url.path, "--proxy", "nginx", "--nginx", NginxTool.path ?? "nginx", "--rate", "10/s",
                "--sync-port", "0", "--async-port", "0",
            ])
            let screen = await session.screen(timeout: .seconds(40)) {
                $0.contains("nginx → sync café") && $0.contains("✓")
            }
            #expect(screen.contains("nginx → sync café"), "the show did not start: \(screen)")
            let ours = Set(NginxTool.processes()).subtracting(before)
            #expect(ours.count >= 2, "nginx's master and worker run")
            let shell = try #require(session.panePID)
            let show = try #require(childProcesses(of: shell).first, "barista runs inside the pane")
            kill(show, SIGKILL)
            #expect(
                await eventually(within: .seconds(15), every: .milliseconds(50)) {
                    Set(NginxTool.processes()).intersection(ours).isEmpty
                },
                "no nginx outlives barista")
        }
    }
}
