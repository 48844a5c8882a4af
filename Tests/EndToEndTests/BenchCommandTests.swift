import Foundation
import TestSupport
import Testing

@Suite("barista bench: the Benchmarks library behind thin commands", .onOwnThreads)
struct BenchCommandTests {
    @Test("bench frame measures and prints its figures from the executable")
    func frame() throws {
        let (status, text) = try Self.bench(["frame", "--frames", "20", "--width", "80", "--height", "24"])
        #expect(status == 0)
        #expect(text.contains("frame build at 80×24, 20 frames"), "\(text)")
    }

    /// Each reading must see the 20 customers. The door's port number is one the kernel hands out, and a client of
    /// another test still dialling a port it once knew can join it, so a reading may see more, never fewer; that the
    /// two readings agree at one moment is the live door test's job (`KernelSocketTableTests`).
    @Test("bench door reads the door both ways, each sees the 20 customers, and prints what each costs")
    func door() throws {
        let (status, text) = try Self.bench(["door", "--leftovers", "50", "--readings", "5"])
        #expect(status == 0)
        #expect(text.contains("with 50 sockets in TIME_WAIT"), "\(text)")
        let counts = text.split(separator: "\n").filter { $0.contains("µs,") }.compactMap { line in
            line.split(separator: " ").dropLast().last.flatMap { Int($0) }
        }
        #expect(counts.count == 2, "a sock_diag line and a /proc line: \(text)")
        #expect(counts.allSatisfy { $0 >= 20 }, "both see the 20 customers: \(text)")
    }

    @Test("a bad flag of a benchmark is one line and exit 2")
    func badFlag() async throws {
        let (status, stderr) = try await ServeProcessHandle.run(["bench", "load", "--rate", "fast"])
        #expect(status == 2)
        #expect(stderr.contains("--rate"), "\(stderr)")
    }

    /// `barista bench ARGUMENTS`: its exit status and what it printed.
    private static func bench(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = ["bench"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
