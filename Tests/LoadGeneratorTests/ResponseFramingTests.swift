import LoadGenerator
import TestSupport
import Testing

/// The customer's reading of answers, against servers that frame their responses in every legal way (and
/// one that does not speak HTTP at all).
@Suite("Reading answers", .serialized, .onOwnThreads)
struct ResponseFramingTests {
    static func outcome(of reply: String) async throws -> TargetSnapshot {
        let listener = TestListener(.raw(reply))
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let run = try LoadRun(targets: [target], plan: LoadPlan(patience: .seconds(5), count: 3))
        let (snapshot, _) = await LoadRunTests.run(run, limit: .seconds(15))
        return try #require(snapshot.targets.first)
    }

    @Test("a chunked body ends at its zero-size chunk, even before the café closes")
    func chunked() async throws {
        let side = try await Self.outcome(
            of: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ncup!\r\n3\r\n0\r\n\r\n0\r\n\r\n")
        #expect(side.served == 3 && side.errorCount == 0)
    }

    @Test("a body without a length ends when the café closes")
    func untilClose() async throws {
        let side = try await Self.outcome(of: "HTTP/1.0 200 OK\r\nServer: old\r\n\r\na cup, however long")
        #expect(side.served == 3 && side.errorCount == 0)
    }

    @Test("100 Continue is skipped; the real status counts")
    func continueFirst() async throws {
        let side = try await Self.outcome(
            of: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\ncontent-LENGTH:  4 \r\n\r\nbusy")
        #expect(side.refused == 3 && side.served == 0 && side.statusCounts[503] == 3)
        #expect(side.corrected.count == 0)
    }

    @Test("a body shorter than its Content-Length is an error: closed early")
    func shortBody() async throws {
        let side = try await Self.outcome(of: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")
        #expect(side.served == 0 && side.errors[.closedEarly] == 3)
    }

    @Test("an answer that is not HTTP is a bad response")
    func garbage() async throws {
        let side = try await Self.outcome(of: "SSH-2.0-OpenSSH_9.6\r\n\r\n")
        #expect(side.served == 0 && side.errors[.badResponse] == 3)
    }
}
