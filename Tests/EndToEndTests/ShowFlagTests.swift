import Foundation
import TestSupport
import Testing

@Suite("barista's show flags", .onOwnThreads)
struct ShowFlagTests {
    @Test("--peers python finds Lessons/python above the built binary from any folder, as the lessons are found")
    func peerAppsFromElsewhere() throws {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = ["--peers", "python", "--python", "/nonexistent/python3"]
        process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        process.environment = BaristaBinary.environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(!stderr.contains("no wsgi_app.py"), "the apps were found: \(stderr)")
        #expect(stderr.contains("no Python at /nonexistent/python3"), "\(stderr)")
    }

    @Test(
        "a bad flag of the show: one line naming it, exit code 2, no café started",
        arguments: [
            (["--rate", "fast"], "--rate"), (["--workers", "0"], "--workers"), (["--handler", "sleep"], "--handler"),
            (["--loops", "0"], "--loops"), (["--brew", "2h"], "--brew"), (["--fps", "0"], "--fps"),
            (["--sync-url", "ftp://x"], "--sync-url"), (["--async-url", "http://127.0.0.1:99999"], "--async-url"),
            (["--sync-url", "http://127.0.0.1:8000", "--path", "sleep"], "--path"), (["--peers", "java"], "--peers"),
            (["--python", "/usr/bin/python3"], "--python"), (["--sync-admin-port", "9001"], "--sync-admin-port"),
            (["--slow", "150%"], "--slow"), (["--slow", "some"], "--slow"), (["--slow-for", "0s"], "--slow-for"),
            (["--rate", "-5/s"], "--rate"), (["--brew", "-1s"], "--brew"), (["--patience", "-2s"], "--patience"),
            (["--fps", "-1"], "--fps"),
        ])
    func badFlag(arguments: [String], flag: String) async throws {
        let result = try await ServeProcessHandle.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(flag))
    }
}
