import Foundation
import TestSupport
import Testing

@Suite("barista bench: the Benchmarks library behind thin commands", .onOwnThreads)
struct BenchCommandTests {
    @Test("bench frame measures and prints its figures from the executable")
    func frame() throws {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = ["bench", "frame", "--frames", "20", "--width", "80", "--height", "24"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("frame build at 80×24, 20 frames"), "\(text)")
    }

    @Test("bench door reads the same door both ways and prints what each costs")
    func door() async throws {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = ["bench", "door", "--leftovers", "50", "--readings", "5"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("with 50 sockets in TIME_WAIT"), "\(text)")
        #expect(text.contains("µs, 20 queued\n  /proc"), "sock_diag sees the 20 customers: \(text)")
        #expect(text.hasSuffix("µs, 20 queued\n"), "the text table sees them too: \(text)")
    }

    @Test("a bad flag of a benchmark is one line and exit 2")
    func badFlag() async throws {
        let (status, stderr) = try await ServeProcessHandle.run(["bench", "load", "--rate", "fast"])
        #expect(status == 2)
        #expect(stderr.contains("--rate"), "\(stderr)")
    }
}
