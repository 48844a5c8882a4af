import Foundation
import Testing

@testable import TestSupport

@Suite("A child's exit code read before Foundation reaps it", .onOwnThreads)
struct UnreapedExitTests {
    /// Spawns `sh -c script` with posix_spawn, which nobody reaps until the test does.
    static func spawn(_ script: String) throws -> pid_t {
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", script]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
        try #require(status == 0, "posix_spawn: \(status)")
        return pid
    }

    @Test("an ended child is read with its exit code; a running one is nil", arguments: [0, 3])
    func exitCode(code: Int32) async throws {
        let pid = try Self.spawn("exit \(code)")
        defer { waitpid(pid, nil, 0) }
        let seen = await eventually(within: .seconds(10)) { ServeProcessHandle.exitStatusOfUnreaped(pid) != nil }
        #expect(seen && ServeProcessHandle.exitStatusOfUnreaped(pid) == code)
    }

    @Test("a child still running is nil; one ended by a signal gives the signal")
    func runningThenKilled() async throws {
        let pid = try Self.spawn("sleep 30")
        defer { waitpid(pid, nil, 0) }
        #expect(ServeProcessHandle.exitStatusOfUnreaped(pid) == nil)
        kill(pid, SIGKILL)
        let seen = await eventually(within: .seconds(10)) { ServeProcessHandle.exitStatusOfUnreaped(pid) != nil }
        #expect(seen && ServeProcessHandle.exitStatusOfUnreaped(pid) == SIGKILL)
    }
}
