/// Reads one HTTP/1.x request head from the bytes received so far, within fixed bounds.
///
/// It is a pure function of the buffer: call it again when more bytes arrive. Every input ends in one of
/// three answers — need more, a head, or a 4xx with the reason — so a hostile or broken client can cost the
/// café at most `maxRequestLineBytes + maxHeaderBytes` of memory and never a crash.
/// The cafés serve only GET and HEAD, so a request body is never read: a body on GET is refused (413) and
/// any other method gets 405 and the connection is closed.
public enum RequestParser {
    /// Longest request line accepted (else 414), like gunicorn's `limit_request_line` of 8190.
    public static let maxRequestLineBytes = 8 * 1024
    /// Largest header section accepted (else 431).
    public static let maxHeaderBytes = 16 * 1024
    /// Largest body announced by a client that is still answered normally (else 413).
    public static let maxBodyBytes = 1024 * 1024

    public enum Outcome: Equatable, Sendable {
        /// The head is not complete yet; read more and call again.
        case needMore
        /// A complete head, and how many bytes of the buffer it used.
        case head(RequestHead, consumed: Int)
        /// The request is refused with this status; answer it and close the connection.
        case failure(HTTPStatus, reason: String)
    }

    public static func parse(_ buffer: some Collection<UInt8>) -> Outcome {
        parse(Array(buffer))
    }

    public static func parse(_ bytes: [UInt8]) -> Outcome {
        // Empty lines before the request line are ignored (RFC 9112 §2.2), as gunicorn and uvicorn do;
        // they count toward the request line's bound, so an endless stream of them is still refused.
        var skipped = 0
        while skipped + 1 < bytes.count && bytes[skipped] == cr && bytes[skipped + 1] == lf { skipped += 2 }
        if skipped > 0 {
            if skipped > maxRequestLineBytes {
                return .failure(.badRequest, reason: "more than \(maxRequestLineBytes) bytes of empty lines")
            }
            switch parseHead(Array(bytes[skipped...])) {
            case .head(let head, let consumed): return .head(head, consumed: consumed + skipped)
            case let other: return other
            }
        }
        return parseHead(bytes)
    }

    /// The head, starting at its request line.
    private static func parseHead(_ bytes: [UInt8]) -> Outcome {
        // The request line: up to the first LF, within its bound.
        guard let lineEnd = bytes.firstIndex(of: lf) else {
            return bytes.count > maxRequestLineBytes
                ? .failure(.uriTooLong, reason: "request line longer than \(maxRequestLineBytes) bytes")
                : .needMore
        }
        if lineEnd > maxRequestLineBytes {
            return .failure(.uriTooLong, reason: "request line longer than \(maxRequestLineBytes) bytes")
        }
        // Lines end in CRLF. A bare LF is refused, as gunicorn and uvicorn (h11) refuse it: a server that
        // reads lines differently from a proxy in front of it invites request smuggling.
        guard lineEnd > 0, bytes[lineEnd - 1] == cr else { return bareLineFeed }
        // A request line that cannot be HTTP/1.x (an HTTP/0.9 "GET /", the HTTP/2 preface) is refused at once,
        // without waiting for headers that will never come.
        let requestLine = bytes[0..<trimmingCR(lineEnd, from: 0, in: bytes)]
        let parsedLine = parseRequestLine(requestLine)
        if case .failure(let reason) = parsedLine { return .failure(.badRequest, reason: reason) }
        // The header section: up to an empty line, within its bound.
        var headerLines: [Range<Int>] = []
        var start = lineEnd + 1
        var end: Int?
        while start < bytes.count && start - (lineEnd + 1) <= maxHeaderBytes {
            guard let next = bytes[start...].firstIndex(of: lf) else { break }
            guard next > start, bytes[next - 1] == cr else { return bareLineFeed }
            let line = start..<trimmingCR(next, from: start, in: bytes)
            if line.isEmpty {
                end = next + 1
                break
            }
            headerLines.append(line)
            start = next + 1
        }
        let headerBytes = (end ?? bytes.count) - (lineEnd + 1)
        if headerBytes > maxHeaderBytes {
            return .failure(.headerFieldsTooLarge, reason: "headers larger than \(maxHeaderBytes) bytes")
        }
        guard let consumed = end else { return .needMore }

        switch parsedLine {
        case .failure(let reason):
            return .failure(.badRequest, reason: reason)
        case .success(let (method, target, minorVersion)):
            var headers: [(name: String, value: String)] = []
            headers.reserveCapacity(headerLines.count)
            for line in headerLines {
                guard let field = parseHeader(bytes[line]) else {
                    return .failure(.badRequest, reason: "malformed header line")
                }
                headers.append(field)
            }
            let head = RequestHead(method: method, target: target, minorVersion: minorVersion, headers: headers)
            if let refusal = checkFraming(head) { return refusal }
            return .head(head, consumed: consumed)
        }
    }

    // MARK: - Pieces

    private static let bareLineFeed = Outcome.failure(.badRequest, reason: "line ending without CR (bare LF)")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    private static func trimmingCR(_ lfIndex: Int, from start: Int, in bytes: [UInt8]) -> Int {
        lfIndex > start && bytes[lfIndex - 1] == cr ? lfIndex - 1 : lfIndex
    }

    private enum LineResult {
        case success((String, String, Int))
        case failure(String)
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> LineResult {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure("request line is not 'METHOD /path HTTP/1.1'") }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else { return .failure("malformed method") }
        guard let target = originForm(parts[1]), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure("request target must be a path starting with / (or an absolute http:// URL)")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        let minor: Int
        switch version {
        case "HTTP/1.1": minor = 1
        case "HTTP/1.0": minor = 0
        default: return .failure("unsupported HTTP version '\(version.prefix(16))'")
        }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: target, as: UTF8.self), minor))
    }

    /// The path-and-query of a request target. A server MUST accept the absolute form too (RFC 9112
    /// §3.2.2: `GET http://host/brew?ms=1`); its scheme and authority are dropped, an empty path is `/`.
    private static func originForm(_ target: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        if target.first == UInt8(ascii: "/") { return target }
        var rest = target
        for scheme in ["https://", "http://"] where startsIgnoringCase(target, with: scheme) {
            rest = target.dropFirst(scheme.utf8.count)
            guard let authorityEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }),
                authorityEnd > rest.startIndex
            else {
                return rest.isEmpty ? nil : ArraySlice("/".utf8)
            }
            let path = rest[authorityEnd...]
            return path.first == UInt8(ascii: "/") ? path : ArraySlice("/".utf8) + path
        }
        return nil
    }

    private static func startsIgnoringCase(_ bytes: ArraySlice<UInt8>, with prefix: String) -> Bool {
        guard bytes.count >= prefix.utf8.count else { return false }
        return zip(bytes, prefix.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    private static func parseHeader(_ line: ArraySlice<UInt8>) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = line[line.startIndex..<colon]
        // No empty names, no whitespace before the colon, no obsolete line folding (RFC 9112 §5).
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { return nil }
        let rawValue = line[(colon + 1)...]
        guard rawValue.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { return nil }
        let value = String(decoding: rawValue, as: UTF8.self).trimmingSpaces
        return (String(decoding: name, as: UTF8.self), value)
    }

    /// Refuses bodies the cafés will not read, and framing that cannot be trusted.
    private static func checkFraming(_ head: RequestHead) -> Outcome? {
        if head.minorVersion == 1 && head.header("Host") == nil {
            return .failure(.badRequest, reason: "HTTP/1.1 request without a Host header")
        }
        // RFC 9112 §3.2: a server must refuse a request with more than one Host.
        if head.headers.count(where: { RequestHead.equalIgnoringCase($0.name, "Host") }) > 1 {
            return .failure(.badRequest, reason: "more than one Host header")
        }
        let lengths = head.headers.filter { RequestHead.equalIgnoringCase($0.name, "Content-Length") }.map(\.value)
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy(isDigit),
                let value = Int(first)
            else {
                return .failure(.badRequest, reason: "invalid Content-Length")
            }
            length = value
        }
        let chunked = head.header("Transfer-Encoding") != nil
        let bodiless = head.method == "GET" || head.method == "HEAD"
        if bodiless && (length > 0 || chunked) {
            return .failure(.contentTooLarge, reason: "a \(head.method) request carries no body")
        }
        if length > maxBodyBytes {
            return .failure(.contentTooLarge, reason: "body larger than \(maxBodyBytes) bytes")
        }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
