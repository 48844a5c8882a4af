import CafeHTTP
import CafeModel
import TestSupport
import Testing

/// Property tests: whatever arrives, the parser answers, within its bounds, and never crashes or hangs.
@Suite("The parser under random and broken input", .onOwnThreads)
struct RequestParserFuzzTests {
    static let valid = Array("GET /brew?ms=100&kind=io HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Customer-Id: 9\r\n\r\n".utf8)

    @Test("every strict prefix of a valid request needs more; the whole is a head")
    func prefixes() {
        for length in 0..<Self.valid.count {
            #expect(RequestParser.parse(Array(Self.valid[0..<length])) == .needMore, "prefix of \(length) bytes")
        }
        guard case .head(_, let consumed) = RequestParser.parse(Self.valid) else {
            Issue.record("the whole request must parse")
            return
        }
        #expect(consumed == Self.valid.count)
    }

    @Test("random bytes: always an answer, and a head only when it really is one")
    func randomBytes() {
        var random = SeededGenerator(seed: 0xC0FFEE)
        for _ in 0..<5_000 {
            let length = Int(random.next() % 600)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if case .head(let head, let consumed) = RequestParser.parse(bytes) {
                #expect(consumed <= bytes.count)
                #expect(head.target.hasPrefix("/"))
            }
        }
    }

    @Test("mutated valid requests: one byte changed, dropped or doubled")
    func mutations() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            var bytes = Self.valid
            let index = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 3 {
            case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.remove(at: index)
            default: bytes.insert(bytes[index], at: index)
            }
            switch RequestParser.parse(bytes) {
            case .needMore, .head: break
            case .failure(let status, let reason):
                #expect([400, 413, 414, 431].contains(status.rawValue))
                #expect(!reason.isEmpty)
            }
        }
    }

    @Test("huge inputs are refused by their bound, fast")
    func bounds() {
        let clock = ContinuousClock()
        let start = clock.now
        let endlessLine = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            RequestParser.parse(endlessLine) == .failure(.uriTooLong, reason: "request line longer than 8192 bytes"))
        var endlessHeaders = Array("GET / HTTP/1.1\r\n".utf8)
        endlessHeaders += [UInt8]((0..<100_000).flatMap { _ in Array("X: y\r\n".utf8) })
        guard case .failure(let status, _) = RequestParser.parse(endlessHeaders) else {
            Issue.record("expected 431")
            return
        }
        #expect(status == .headerFieldsTooLarge)
        #expect(start.duration(to: clock.now) < .seconds(5))
    }
}
