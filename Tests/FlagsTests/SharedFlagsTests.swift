import ArgumentParser
import CafeHTTP
import CafeModel
import Flags
import Foundation
import SyncServer
import Testing

@Suite("The flag values and option groups the commands share")
struct SharedFlagsTests {
    @Test(
        "a duration reads the units people type; help prints a default the same way",
        arguments: [("100ms", Duration.milliseconds(100)), ("1.5s", .milliseconds(1500)), ("1m", .seconds(60))])
    func durations(text: String, duration: Duration) throws {
        let argument = try #require(DurationArgument(argument: text))
        #expect(argument.duration == duration)
        if duration < .seconds(60) {  // every default barista's help shows
            #expect(argument.defaultValueDescription == text)
        }
    }

    @Test("a duration that is not one is refused")
    func badDurations() {
        #expect(DurationArgument(argument: "fast") == nil)
        #expect(DurationArgument(argument: "") == nil)
    }

    @Test("a café's door flags land in its configuration; the port defaults to the café's own")
    func serveOptions() throws {
        let options = try CommonServeOptions.parse([
            "--backlog", "64", "--admin-port", "9100", "--admin-token", "t", "--header-timeout", "3s",
            "--graceful-timeout", "1s",
        ])
        var configuration = SyncCafeConfiguration()
        options.apply(to: &configuration, defaultPort: 8001)
        #expect(configuration.doors.host == "127.0.0.1")
        #expect(configuration.doors.port == 8001)
        #expect(configuration.doors.backlog == 64)
        #expect(configuration.doors.adminPort == 9100)
        #expect(configuration.doors.adminHost == "127.0.0.1", "the admin port stays on loopback unless asked")
        #expect(configuration.doors.adminToken == "t")
        #expect(configuration.doors.headerTimeout == .seconds(3))
        #expect(configuration.doors.shutdownGrace == .seconds(1))
        try CommonServeOptions.parse(["--port", "0"]).apply(to: &configuration, defaultPort: 8001)
        #expect(configuration.doors.port == 0)
    }

    @Test("a lesson that does not exist is one line and exit code 2")
    func missingLesson() throws {
        let flags = try LessonFlags.parse(["--lessons-dir", FileManager.default.temporaryDirectory.path])
        #expect(throws: ExitCode(2)) { try flags.load("no-such-lesson") }
    }

    @Test("a recording that would replace a file is refused before anything starts, unless --force")
    func recordingNotClobbered() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flags-\(getpid()).cast").path
        FileManager.default.createFile(atPath: file, contents: Data("kept".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: ExitCode(2)) { try DemoFlags.parse(["--record", file]).prepareOutputs() }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "kept")
        #expect(try DemoFlags.parse(["--record", file, "--force"]).prepareOutputs() != nil)
    }

    @Test("an error becomes a usage error with its words")
    func usageErrors() {
        struct Broken: Error, CustomStringConvertible { var description: String { "--thing is broken" } }
        #expect(throws: ValidationError.self) { try OneLineError.asUsage { throw Broken() } }
        do {
            try OneLineError.asUsage { throw Broken() }
        } catch {
            #expect("\(error)" == "--thing is broken")
        }
    }
}
