import Foundation
import TestSupport
import Testing

@Suite("barista bench: the Benchmarks library behind thin commands", .onOwnThreads)
struct BenchCommandTests {
    @Test("bench frame measures and prints its figures from the executable")
    func frame() throws {
        let run = try LoadCommandTests.barista(["bench", "frame", "--frames", "20", "--width", "80", "--height", "24"])
        let text = run.stdout
        #expect(run.status == 0)
        #expect(text.contains("frame build at 80×24, 20 frames"), "\(text)")
    }

    /// Each reading sees exactly the 20 customers: the benchmark's door has a loopback address of its own (127.0.0.2),
    /// which another test's client still dialling 127.0.0.1 at a port number the kernel gave out before cannot reach,
    /// and each reading counts that address only.
    @Test("bench door reads the door both ways, each sees the 20 customers, and prints what each costs")
    func door() throws {
        let run = try LoadCommandTests.barista(["bench", "door", "--leftovers", "50", "--readings", "5"])
        let text = run.stdout
        #expect(run.status == 0)
        #expect(text.contains("with 50 sockets in TIME_WAIT"), "\(text)")
        let counts = text.split(separator: "\n").filter { $0.contains("µs,") }.compactMap { line in
            line.split(separator: " ").dropLast().last.flatMap { Int($0) }
        }
        #expect(counts == [20, 20], "sock_diag, then the text table, each sees the 20 customers: \(text)")
    }

    @Test("a bad flag of a benchmark is one line and exit 2")
    func badFlag() async throws {
        let (status, stderr) = try await ServeProcessHandle.run(["bench", "load", "--rate", "fast"])
        #expect(status == 2)
        #expect(stderr.contains("--rate"), "\(stderr)")
    }
}
