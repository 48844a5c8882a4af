import Testing

/// A malformed request and the status it must get; the cafés' tests share this table.
public struct BadRequestCase: Sendable, CustomTestStringConvertible {
    public var name: String
    public var bytes: [UInt8]
    public var status: Int
    public var testDescription: String { name }

    public static let all: [BadRequestCase] = [
        .init(name: "garbage request line", bytes: Array("HELLO\r\n\r\n".utf8), status: 400),
        .init(name: "no HTTP version", bytes: Array("GET /\r\n\r\n".utf8), status: 400),
        .init(name: "HTTP/2.0", bytes: Array("GET / HTTP/2.0\r\nHost: x\r\n\r\n".utf8), status: 400),
        .init(
            name: "a target neither a path nor an http URL",
            bytes: Array("GET ftp://x/ HTTP/1.1\r\nHost: x\r\n\r\n".utf8), status: 400),
        .init(name: "bare LF line endings", bytes: Array("GET / HTTP/1.0\n\n".utf8), status: 400),
        .init(name: "a bare LF in the headers", bytes: Array("GET / HTTP/1.1\r\nHost: x\n\r\n".utf8), status: 400),
        .init(name: "space before colon", bytes: Array("GET / HTTP/1.1\r\nHost : x\r\n\r\n".utf8), status: 400),
        .init(name: "folded header", bytes: Array("GET / HTTP/1.1\r\nHost: x\r\n  folded\r\n\r\n".utf8), status: 400),
        .init(name: "HTTP/1.1 without Host", bytes: Array("GET / HTTP/1.1\r\n\r\n".utf8), status: 400),
        .init(
            name: "bad Content-Length", bytes: Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n".utf8),
            status: 400),
        .init(
            name: "request line over 8 KiB",
            bytes: Array("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8), status: 414),
        .init(
            name: "request line over 8 KiB, unfinished",
            bytes: Array("GET /\(String(repeating: "a", count: 9000))".utf8), status: 414),
        .init(
            name: "headers over 16 KiB",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17000))\r\n\r\n".utf8),
            status: 431),
        .init(
            name: "a body on GET",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".utf8), status: 413),
        .init(
            name: "a chunked body on GET",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8), status: 413),
        .init(
            name: "a body over 1 MiB",
            bytes: Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n".utf8), status: 413),
        // The probe's cases (RFC 9112): each refused as gunicorn and uvicorn refuse it.
        .init(
            name: "obs-fold with a tab", bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\tmore\r\n\r\n".utf8),
            status: 400),
        .init(
            name: "a NUL in the target", bytes: Array("GET /br\u{0}ew?ms=1 HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
            status: 400),
        .init(
            name: "a NUL in a header value", bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n".utf8),
            status: 400),
        .init(
            name: "a Content-Length that overflows",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000000000000\r\n\r\n".utf8), status: 400
        ),
        .init(
            name: "two Content-Lengths that differ",
            bytes: Array("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n".utf8),
            status: 400),
        .init(name: "two Host headers", bytes: Array("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".utf8), status: 400),
        .init(name: "HTTP/0.9 (a request line alone)", bytes: Array("GET /\r\n".utf8), status: 400),
        .init(name: "the HTTP/2 preface (PRI)", bytes: Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8), status: 400),
    ]
}
