import CafeHTTP
import TestSupport
import Testing

@Suite("Reading an order off the wire", .onOwnThreads)
struct RequestParserTests {
    private func parse(_ text: String) -> RequestParser.Outcome { RequestParser.parse(Array(text.utf8)) }

    @Test("a complete GET head, with how many bytes it used")
    func completeHead() throws {
        let text = "GET /brew?ms=50&kind=cpu HTTP/1.1\r\nHost: x\r\nX-Customer-Id: 42\r\n\r\nextra"
        guard case .head(let head, let consumed) = parse(text) else {
            Issue.record("expected a head, got \(parse(text))")
            return
        }
        #expect(head.method == "GET")
        #expect(head.path == "/brew")
        #expect(head.query == ["ms": "50", "kind": "cpu"])
        #expect(head.customerId == "42")
        #expect(head.wantsKeepAlive)
        #expect(consumed == text.utf8.count - "extra".utf8.count)
    }

    @Test(
        "asks for more until the empty line arrives",
        arguments: [
            "", "GET", "GET / HTTP/1.1", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: x\r\n",
        ])
    func needsMore(text: String) {
        #expect(parse(text) == .needMore)
    }

    @Test("bare LF line endings are refused (400), as gunicorn and uvicorn refuse them")
    func bareLineFeeds() {
        for text in ["GET / HTTP/1.0\n\n", "GET / HTTP/1.1\r\nHost: x\n\r\n", "GET / HTTP/1.1\n"] {
            guard case .failure(let status, _) = parse(text) else {
                Issue.record("expected a refusal for \(text.debugDescription)")
                continue
            }
            #expect(status == .badRequest)
        }
    }

    @Test(
        "an absolute-form target is read as its path and query (RFC 9112 §3.2.2)",
        arguments: [
            ("GET http://host:8080/brew?ms=1 HTTP/1.1", "/brew?ms=1"),
            ("GET HTTP://host/ HTTP/1.1", "/"),
            ("GET https://host HTTP/1.1", "/"),
            ("GET http://host?ms=1 HTTP/1.1", "/?ms=1"),
        ])
    func absoluteForm(line: String, target: String) {
        guard case .head(let head, _) = parse(line + "\r\nHost: x\r\n\r\n") else {
            Issue.record("expected a head for \(line)")
            return
        }
        #expect(head.target == target)
    }

    @Test("empty lines before the request line are ignored (RFC 9112 §2.2), and counted as consumed")
    func leadingEmptyLines() {
        let text = "\r\n\r\nGET /brew?ms=1 HTTP/1.1\r\nHost: x\r\n\r\n"
        guard case .head(let head, let consumed) = parse(text) else {
            Issue.record("expected a head")
            return
        }
        #expect(head.path == "/brew")
        #expect(consumed == text.utf8.count)
        #expect(parse("\r\n") == .needMore)
        if case .failure(let status, _) = parse(String(repeating: "\r\n", count: 5000)) {
            #expect(status == .badRequest)
        } else {
            Issue.record("an endless stream of empty lines must be refused")
        }
    }

    @Test("Connection: close ends keep-alive on HTTP/1.1; keep-alive starts it on HTTP/1.0")
    func keepAlive() {
        if case .head(let head, _) = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") {
            #expect(!head.wantsKeepAlive)
        } else {
            Issue.record("expected a head")
        }
        if case .head(let head, _) = parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") {
            #expect(head.wantsKeepAlive)
        } else {
            Issue.record("expected a head")
        }
        if case .head(let head, _) = parse("GET / HTTP/1.1\r\nHOST: x\r\nconnection: Upgrade, CLOSE\r\n\r\n") {
            #expect(!head.wantsKeepAlive, "tokens are a case-insensitive list")
            #expect(head.header("Host") == "x", "names are case-insensitive")
        } else {
            Issue.record("expected a head")
        }
        if case .head(let head, _) = parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: closed-for-lunch\r\n\r\n") {
            #expect(head.wantsKeepAlive, "only the token close closes")
        } else {
            Issue.record("expected a head")
        }
    }

    @Test("refuses bad input with the right status", arguments: BadRequestCase.all)
    func refuses(badCase: BadRequestCase) {
        guard case .failure(let status, let reason) = RequestParser.parse(badCase.bytes) else {
            Issue.record("\(badCase.name): expected a failure")
            return
        }
        #expect(status.rawValue == badCase.status, "\(badCase.name): \(reason)")
        #expect(!reason.isEmpty)
    }

    @Test("percent-decodes the query")
    func percentDecoding() {
        if case .head(let head, _) = parse("GET /brew?ms=1%30&kind=i%6F&x=a+b HTTP/1.1\r\nHost: x\r\n\r\n") {
            #expect(head.query == ["ms": "10", "kind": "io", "x": "a b"])
        } else {
            Issue.record("expected a head")
        }
    }
}
