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

    @Test("a bad flag of a benchmark is one line and exit 2")
    func badFlag() async throws {
        let (status, stderr) = try await ServeProcessHandle.run(["bench", "load", "--rate", "fast"])
        #expect(status == 2)
        #expect(stderr.contains("--rate"), "\(stderr)")
    }
}
