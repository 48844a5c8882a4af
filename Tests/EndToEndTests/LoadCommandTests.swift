import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `barista load` as a person runs it: the built binary, its exit code, its output.
@Suite("barista load, the command")
struct LoadCommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func barista(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }


    @Test("a bad flag value is one line on stderr and exit code 2",
          arguments: [["--rate", "fast"], ["--burst", "40"], ["--ramp", "1/s..2/s"], ["--kind", "tea"],
                      ["--rate", "5/s", "--customers", "3"], ["--arrivals", "weibull"]])
    func badFlags(flags: [String]) throws {
        let result = try Self.barista(["load", "http://127.0.0.1:1"] + flags)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("a run against a closed door ends on time and reports the refusals as JSON")
    func refusedAsJSON() throws {
        let port = closedLoopbackPort()
        let started = ContinuousClock.now
        let result = try Self.barista(["load", "http://127.0.0.1:\(port)", "--rate", "20/s", "--duration", "1s",
                                       "--json"])
        #expect(result.status == 0)
        #expect(started.duration(to: .now) < .seconds(10))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        let target = try #require(targets.first)
        let planned = try #require(target["planned"] as? Int)
        #expect((19...21).contains(planned))
        #expect((target["errors"] as? [String: Int])?["refused"] == planned)
        #expect(target["served"] as? Int == 0)
        #expect(json["schedule_lag"] is [String: Any])
    }
}
