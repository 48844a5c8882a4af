import CafeHTTP
import Foundation
import TestSupport
import Testing

@Suite("barista serve sync, the command", .serialized, .onOwnThreads)
struct ServeSyncCommandTests {
    @Test("prints one ready line, then SIGTTIN / SIGTTOU add and remove a barista")
    func signalsChangeWorkers() async throws {
        let cafe = try await ServeProcessHandle.start(["serve", "sync", "--port", "0", "--workers", "3"])
        let admin = AdminClient(port: cafe.adminPort)
        #expect(try admin.stats().workers.count == 3)
        cafe.signal(SIGTTIN)
        #expect(try await admin.waitFor { $0.workers.count == 4 }.workers.count == 4)
        // One at a time: two identical signals sent at once may arrive as one.
        cafe.signal(SIGTTOU)
        #expect(try await admin.waitFor { $0.workers.count == 3 }.workers.count == 3)
        cafe.signal(SIGTTOU)
        #expect(try await admin.waitFor { $0.workers.count == 2 }.workers.count == 2)
        cafe.signal(SIGTERM)
        #expect(await cafe.waitForExit() == 0)
    }

    @Test("SIGTERM lets the brew in progress finish, then exits 0")
    func gracefulStop() async throws {
        let cafe = try await ServeProcessHandle.start(["serve", "sync", "--port", "0", "--workers", "1"])
        let admin = AdminClient(port: cafe.adminPort)
        let port = cafe.port
        let cup = BackgroundWork { Result { try OneShotClient(port: port, timeout: .seconds(5)).get("/brew?ms=600") } }
        try await admin.waitFor { $0.workers.first?.state == .blocked }
        cafe.signal(SIGTERM)
        #expect(try await cup.value.get().status == 200, "the customer gets the cup being brewed")
        #expect(await cafe.waitForExit() == 0)
    }

    @Test("a busy port: exit code 2 and one line naming the port and the flag")
    func busyPort() async throws {
        let first = try await ServeProcessHandle.start(["serve", "sync", "--port", "0"])
        let result = try await ServeProcessHandle.run(["serve", "sync", "--port", String(first.port)])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("port \(first.port) is already in use"))
        #expect(result.stderr.contains("--port"))
        first.signal(SIGTERM)
        _ = await first.waitForExit()
    }

    @Test(
        "bad flags: one line, exit code 2",
        arguments: [
            ["serve", "sync", "--workers", "0"], ["serve", "sync", "--timeout", "soon"],
            ["serve", "sync", "--espresso"],
        ])
    func badFlags(arguments: [String]) async throws {
        let result = try await ServeProcessHandle.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
    }

    @Test("barista --help lists the show and every command")
    func help() throws {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for command in ["show", "serve", "load", "bench"] { #expect(text.contains(command)) }
    }

    @Test(
        "every command's help reads as prose: no gap of spaces inside a sentence",
        arguments: [
            [], ["load"], ["serve", "sync"], ["serve", "async"], ["lesson"], ["lessons"], ["demo"], ["bench"],
        ])
    func helpProse(command: [String]) throws {
        let result = try LoadCommandTests.barista(command + ["--help"])
        #expect(result.status == 0)
        // The overview and discussion, before the option table (whose columns are spaced on purpose).
        let prose = result.stdout.split(separator: "\n").prefix { !$0.hasPrefix("USAGE:") }
        #expect(!prose.isEmpty)
        for line in prose where !line.hasPrefix(" ") {
            #expect(line.firstMatch(of: /[^ ] {3,}[^ ]/) == nil, "\(command): \(line)")
        }
    }

    @Test("the show without a terminal says so in one line and exits 2")
    func showNeedsATerminal() async throws {
        let result = try await ServeProcessHandle.run(["--sync-port", "0", "--async-port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr == "barista: the show needs a terminal: standard input and output are not one\n")
    }
}
