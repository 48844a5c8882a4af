import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import Curriculum

#if canImport(Glibc)
import Glibc
#endif

/// How to run the real asciinema player (`python -m asciinema`): `BARISTA_PYTHON` names a python that has it
/// (e.g. a venv's), else `asciinema` on PATH; nil when neither works.
let asciinemaCommand: [String]? = {
    func works(_ command: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + ["--version"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
    if let python = ProcessInfo.processInfo.environment["BARISTA_PYTHON"], works([python, "-m", "asciinema"]) {
        return [python, "-m", "asciinema"]
    }
    return works(["asciinema"]) ? ["asciinema"] : nil
}()

@Suite("Recording the demo as asciicast v2", .onOwnThreads)
struct AsciicastWriterTests {
    /// Three screens of a small demo: the first, a counter moving, a new step's heading.
    static func screens() -> [Canvas] {
        var first = Canvas(width: 40, height: 6)
        first.write("barista demo · step 1", x: 0, y: 0, style: .plain.bolded)
        first.write("SYNC ●●● 3 queued", x: 0, y: 2, style: .fg(.yellow))
        first.write("ASYNC · 0 queued ☕", x: 0, y: 3, style: .fg(.cyan))
        var second = first
        second.write("SYNC ●●●●● 5 queued", x: 0, y: 2, style: .fg(.yellow))
        var third = second
        third.write("barista demo · step 2 \"overload\" \\ <&>", x: 0, y: 0, style: .plain.bolded)
        third.write("walked out 7", x: 27, y: 5, style: .fg(.red))
        return [first, second, third]
    }

    /// Records the screens with a marker per step at fixed times; returns the file's lines.
    static func record(at path: String) throws -> [String] {
        let screens = Self.screens()
        let writer = try AsciicastWriter(
            path: path, width: 40, height: 6, title: "barista \"classroom\" demo",
            timestamp: Date(timeIntervalSince1970: 1_700_000_000))
        writer.marker("1. Four baristas who wait", at: .zero)
        writer.output(CanvasANSI.difference(from: nil, to: screens[0]), at: .milliseconds(10))
        writer.output(CanvasANSI.difference(from: screens[0], to: screens[1]), at: .milliseconds(1_510))
        writer.output(CanvasANSI.difference(from: screens[1], to: screens[1]), at: .milliseconds(1_600))  // nothing
        writer.marker("2. Overload: \"walk-outs\"", at: .milliseconds(3_000))
        writer.output(CanvasANSI.difference(from: screens[1], to: screens[2]), at: .milliseconds(2_900))  // late clock
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return text.split(separator: "\n").map(String.init)
    }

    /// The "o" events of a recording's lines replayed through a terminal of its size.
    static func replay(_ lines: [String]) throws -> TestTerminal {
        var terminal = TestTerminal(width: 40, height: 6)
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            if event[1] as? String == "o" { terminal.feed(try #require(event[2] as? String)) }
        }
        return terminal
    }

    @Test("the header is one JSON object with version, size, timestamp, title and env")
    func header() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let lines = try Self.record(at: folder.path + "/demo.cast")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 40)
        #expect(header["height"] as? Int == 6)
        #expect(header["timestamp"] as? Int == 1_700_000_000)
        #expect(header["title"] as? String == "barista \"classroom\" demo")
        let env = try #require(header["env"] as? [String: String])
        #expect(env["TERM"] == "xterm-256color")
        #expect(env["SHELL"] != nil)
    }

    @Test("every event is a JSON array [seconds, code, text], times never go back, a marker per step")
    func events() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let lines = try Self.record(at: folder.path + "/demo.cast")
        var times: [Double] = []
        var markers: [String] = []
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3)
            times.append(try #require(event[0] as? Double))
            let code = try #require(event[1] as? String)
            #expect(["o", "m"].contains(code))
            if code == "m" { markers.append(try #require(event[2] as? String)) }
        }
        #expect(times == times.sorted())
        #expect(times.last == 3.0)  // the late clock's 2.9 s is written as the marker's 3.0 s
        #expect(markers == ["1. Four baristas who wait", "2. Overload: \"walk-outs\""])
        #expect(lines.count == 1 + 5)  // an unchanged screen wrote no event
    }

    @Test("replaying the output events shows the last screen")
    func replayShowsLastScreen() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let terminal = try Self.replay(try Self.record(at: folder.path + "/demo.cast"))
        #expect(terminal.lines == Self.screens()[2].lines)
        #expect(terminal.screen == Self.screens()[2])
    }

    @Test("JSON strings escape quotes, backslash and control characters and keep other text as UTF-8")
    func escaping() throws {
        let text = "say \"hi\" \\ then\n\r\t\u{08}\u{0C}\u{1B}[0m\u{01}\u{7F} café ☕ 漢"
        let literal = AsciicastWriter.jsonString(text)
        #expect(literal.contains("\\u001b[0m"))
        #expect(literal.contains("café ☕ 漢"))
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test("nothing is at the path until finish; then only the recording, no temporary file")
    func atomic() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/demo.cast"
        let writer = try AsciicastWriter(path: path, width: 10, height: 2, title: "t")
        writer.output("hello", at: .seconds(1))
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        try writer.finish()
        #expect(try folder.contents() == ["demo.cast"])
    }

    @Test("a cancelled or abandoned recording leaves nothing behind")
    func abandoned() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let cancelled = try AsciicastWriter(path: folder.path + "/a.cast", width: 10, height: 2, title: "t")
        cancelled.output("hello", at: .seconds(1))
        cancelled.cancel()
        #expect(throws: Never.self) { try cancelled.finish() }
        do {
            let dropped = try AsciicastWriter(path: folder.path + "/b.cast", width: 10, height: 2, title: "t")
            dropped.marker("1. start", at: .zero)
        }
        #expect(try folder.contents() == [])
    }

    @Test("an unwritable path is reported when the writer is created, in one line")
    func unwritable() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let missing = folder.path + "/no/such/folder/demo.cast"
        #expect {
            _ = try AsciicastWriter(path: missing, width: 10, height: 2, title: "t")
        } throws: { error in
            guard case .unwritable(let path, let reason)? = error as? DemoOutputError else { return false }
            return path == missing && reason.contains("No such file") && !"\(error)".contains("\n")
        }
        #expect(throws: DemoOutputError.unwritable(path: folder.path, reason: "it is a folder")) {
            _ = try AsciicastWriter(path: folder.path, width: 10, height: 2, title: "t")
        }
        #expect(try folder.contents() == [])
    }

    @Test("an existing recording is refused unless overwrite is asked; a device, symlink or pipe never replaced")
    func neverClobbers() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let existing = folder.path + "/old.cast"
        try "an earlier class".write(toFile: existing, atomically: true, encoding: .utf8)
        #expect(throws: DemoOutputError.exists(path: existing)) {
            _ = try AsciicastWriter(path: existing, width: 10, height: 2, title: "t")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "an earlier class")
        let forced = try AsciicastWriter(path: existing, width: 10, height: 2, title: "t", overwrite: true)
        try forced.finish()
        #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("{\"version\": 2"))

        let link = folder.path + "/link.cast", pipe = folder.path + "/pipe.cast"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: existing)
        mkfifo(pipe, 0o644)
        for (path, kind) in [(link, "a symbolic link"), (pipe, "a pipe"), ("/dev/null", "a device")] {
            #expect(throws: DemoOutputError.unwritable(path: path, reason: "it is \(kind)")) {
                _ = try AsciicastWriter(path: path, width: 10, height: 2, title: "t", overwrite: true)
            }
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == existing, "the link is still a link")

        // A path that turns into something else while recording is not replaced at the end either.
        let late = folder.path + "/late.cast"
        let writer = try AsciicastWriter(path: late, width: 10, height: 2, title: "t")
        try FileManager.default.createSymbolicLink(atPath: late, withDestinationPath: existing)
        #expect(throws: DemoOutputError.writeFailed(path: late, reason: "it is now a symbolic link")) {
            try writer.finish()
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: late) == existing)
        #expect(try folder.contents() == ["late.cast", "link.cast", "old.cast", "pipe.cast"], "no temporary file left")
    }

    @Test(
        "the real asciinema player reads the recording and prints what the screen printed",
        .enabled(if: asciinemaCommand != nil, "asciinema not found: set BARISTA_PYTHON to a python with it installed")
    )
    func realPlayer() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/demo.cast"
        let lines = try Self.record(at: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = try #require(asciinemaCommand) + ["cat", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var expected = ""
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            if event[1] as? String == "o" { expected += try #require(event[2] as? String) }
        }
        #expect(String(decoding: printed, as: UTF8.self) == expected)
        var terminal = TestTerminal(width: 40, height: 6)
        terminal.feed(String(decoding: printed, as: UTF8.self))
        #expect(terminal.lines == Self.screens()[2].lines)
    }
}
