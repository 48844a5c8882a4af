import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `barista load` as a person runs it: the built binary, its exit code, its output.
@Suite("barista load, the command", .onOwnThreads)
struct LoadCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built binary run with `arguments`; `environment` is laid over this process's own.
    static func barista(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = arguments
        process.environment = BaristaBinary.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(
        "a bad flag value is one line on stderr and exit code 2",
        arguments: [
            ["--rate", "fast"], ["--burst", "40"], ["--ramp", "1/s..2/s"], ["--kind", "tea"],
            ["--rate", "5/s", "--customers", "3"], ["--arrivals", "weibull"], ["--slow", "120%"],
            ["--slow", "-5%"], ["--slow", "many"], ["--slow", "20%", "--slow-for", "0s"],
            ["--rate", "-5/s"], ["--brew", "-100ms"], ["--patience", "-1s"], ["--count", "-3"],
        ])
    func badFlags(flags: [String]) throws {
        let result = try Self.barista(["load", "http://127.0.0.1:1"] + flags)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
        // A negative value is read as the flag's value (not as a flag of its own) and named with its flag.
        if flags.count == 2, flags[1].hasPrefix("-") { #expect(result.stderr.contains(flags[0]), "\(result.stderr)") }
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("a run against a closed door reports the refusals as JSON, with no latencies, and exits 1")
    func refusedAsJSON() throws {
        let closed = ClosedLoopbackPort()
        defer { closed.close() }
        let port = closed.port
        let result = try Self.barista([
            "load", "http://127.0.0.1:\(port)", "--rate", "20/s", "--duration", "1s",
            "--json",
        ])
        #expect(result.status == 1, "nothing was served")
        #expect(result.stderr == "barista: http://127.0.0.1:\(port) served nobody\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        let target = try #require(targets.first)
        let planned = try #require(target["planned"] as? Int)
        #expect((19...21).contains(planned))
        #expect((target["errors"] as? [String: Int])?["refused"] == planned)
        // A refused connection is an error; "turned down" is an answer of 400 or above, and there was none.
        #expect(target["refused"] == nil && target["turned_down"] as? Int == 0)
        #expect(target["served"] as? Int == 0)
        #expect(target["latency_from_planned"] == nil && target["latency_from_sent"] == nil)
        #expect(json["schedule_lag"] is [String: Any])
    }

    @Test("a run against a closed door says no answers, names the refusals once, and exits 1")
    func refusedAsText() throws {
        let closed = ClosedLoopbackPort()
        defer { closed.close() }
        let port = closed.port
        let result = try Self.barista(["load", "http://127.0.0.1:\(port)", "--rate", "20/s", "--count", "5"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("latency    no answers"))
        // The generator's own schedule lag may truly be 0µs; no café latency may be.
        let cafeRows = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("schedule lag") }
        #expect(!cafeRows.contains { $0.contains("0µs") } && !result.stdout.contains("p50      p90"))
        #expect(result.stdout.contains("errors     refused (nobody at the door) 5"))
        #expect(result.stdout.contains("turned down 0"))
        #expect(!result.stdout.contains("refused 0"))
    }

    @Test("--slow: the summary and the JSON say how many customers were slow; a café's 408 is a turn-down")
    func slowCustomers() async throws {
        // A header timeout of 1 s and slow customers taking 3 s: the café gives up on every one of them (408).
        let cafe = try await ServeProcessHandle.start(["serve", "async", "--port", "0", "--header-timeout", "1s"])
        defer { cafe.stop() }
        let url = "http://127.0.0.1:\(cafe.port)"
        let flags = ["--rate", "10/s", "--count", "10", "--brew", "10ms", "--slow", "20%", "--slow-for", "3s"]
        let text = try Self.barista(["load", url] + flags)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("slow       2 slow customers (20%) sent their order over 3s"), "\(text.stdout)")
        #expect(text.stdout.contains("2 ended by the café's header timeout (408)"), "\(text.stdout)")
        #expect(text.stdout.contains("408 × 2"), "\(text.stdout)")

        let result = try Self.barista(["load", url, "--json"] + flags)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["slow_share"] as? Double == 0.2)
        #expect(json["slow_for_seconds"] as? Double == 3)
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        #expect(target["slow"] as? Int == 2)
        #expect(target["served"] as? Int == 8)
        #expect(target["turned_down"] as? Int == 2)
        #expect((target["status_counts"] as? [String: Int])?["408"] == 2)
    }

    @Test("stopped (Ctrl-Z) then continued: the customers due meanwhile are counted as not sent, not sent in a burst")
    func stoppedGenerator() async throws {
        let cafe = try await ServeProcessHandle.start(["serve", "async", "--port", "0"])
        defer { cafe.stop() }
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = [
            "load", "http://127.0.0.1:\(cafe.port)", "--rate", "100/s", "--duration", "4s",
            "--arrivals", "constant", "--brew", "10ms", "--json",
        ]
        process.environment = BaristaBinary.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Stopped once the customers are coming (a busy machine can take a while to start the generator), for
        // about 1.5 s, however late this test wakes: the count below is checked against the stop it got.
        try await AdminClient(port: cafe.adminPort).waitFor(timeout: .seconds(30)) { $0.counters.accepted > 0 }
        let clock = ContinuousClock()
        kill(process.processIdentifier, SIGSTOP)
        let stoppedAt = clock.now
        await pause(for: .seconds(1.5))
        kill(process.processIdentifier, SIGCONT)
        let stopped = stoppedAt.duration(to: clock.now)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        let planned = try #require(target["planned"] as? Int), sent = try #require(target["sent"] as? Int)
        let notSent = try #require(target["not_sent"] as? Int)
        // At 100 a second, the customers due while it was stopped (about 150 for 1.5 s) were planned while nobody
        // could send them; half a second of them either way for the moments around the signals.
        let stoppedSeconds = Double(stopped.components.seconds) + Double(stopped.components.attoseconds) / 1e18
        let due = min(Int(stoppedSeconds * 100), planned)
        #expect((due - 50...due + 50).contains(notSent), "not sent \(notSent) of \(planned), stopped \(stopped)")
        #expect(sent + notSent == planned)
        #expect(
            stderr.contains("\(notSent) customers were not sent: the generator was stopped (Ctrl-Z, SIGSTOP)"),
            "\(stderr)")
    }

    @Test("a café that falls behind: cups while customers came and the tail after the door closed, apart")
    func tailApart() async throws {
        // One barista, 100 ms brews, 20 customers a second: 10 cups a second while they come, then a tail.
        let cafe = try await ServeProcessHandle.start(["serve", "sync", "--port", "0", "--workers", "1"])
        defer { cafe.stop() }
        let result = try Self.barista([
            "load", "http://127.0.0.1:\(cafe.port)", "--rate", "20/s", "--duration", "1s",
            "--brew", "100ms", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        let served = try #require(target["served"] as? Int)
        let whileArriving = try #require(target["served_while_arriving"] as? Int)
        let inTail = try #require(target["served_in_tail"] as? Int)
        #expect(served == target["planned"] as? Int)
        #expect(whileArriving + inTail == served && inTail > 0)
        #expect(inTail == target["inside_when_arrivals_ended"] as? Int)
        #expect(try #require(target["tail_seconds"] as? Double) > 0)
        let arriving = try #require(json["arrival_seconds"] as? Double)
        let rate = try #require(target["served_while_arriving_per_second"] as? Double)
        #expect(abs(rate - Double(whileArriving) / arriving) < 0.01)
    }

    /// The stderr lines that say why customers were not sent (the summary says how many).
    static func notSentLines(_ result: Result) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.contains("were not sent") }
    }

    @Test("customers beyond --max-in-flight: the summary counts them, one stderr line says why and what to do")
    func notSentSaysWhy() throws {
        let door = NeverAcceptingServer()
        let result = try Self.barista([
            "load", "http://127.0.0.1:\(door.port)", "--rate", "50/s", "--duration", "1s",
            "--patience", "500ms", "--max-in-flight", "2",
        ])
        let lines = Self.notSentLines(result)
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(
            lines.first?.hasSuffix(
                "customers were not sent: the generator's limit of 2 in flight per café was reached — "
                    + "lower --rate, or raise --max-in-flight") == true, "\(result.stderr)")
        #expect(!result.stdout.contains("not sent 0"), "\(result.stdout)")
    }

    @Test("under a low ulimit -n the in-flight limit is the open-file limit's, and the line says to raise it")
    func notSentUnderLowUlimit() throws {
        let door = NeverAcceptingServer()
        // The limit is lowered in a shell for the child only: this test process keeps its own.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "ulimit -n 100 && exec \"$0\" \"$@\"", BaristaBinary.url.path, "load",
            "http://127.0.0.1:\(door.port)", "--rate", "100/s", "--duration", "1s", "--patience", "500ms",
        ]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = Self.notSentLines(Result(status: process.terminationStatus, stdout: "", stderr: stderr))
        #expect(lines.count == 1, "\(stderr)")
        #expect(
            lines.first?.contains("in flight per café was reached, set by the open-file limit 100 — raise ulimit -n")
                == true,
            "\(stderr)")
    }
}
