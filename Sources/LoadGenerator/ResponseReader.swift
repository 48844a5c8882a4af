import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The customer's ears: reads one HTTP/1.1 response at a time off a connection — the status line, the
/// headers, then the body by `Content-Length`, chunked framing or the connection's close.
///
/// On the load generator: a minimal client-side response framer on raw bytes (no allocation per header, no
/// HTTP codec in the pipeline), so one event loop can keep thousands of customers in flight. It reports to
/// its owner through `onEvent`, on the connection's event loop.
final class ResponseReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    enum Event {
        /// The first byte of the answer arrived (the customer hears the barista call).
        case firstByte
        case complete(status: Int, keepAlive: Bool)
        case failed(VisitFailure)
    }

    var onEvent: ((Event) -> Void)?

    private enum State {
        /// No exchange in progress: bytes now are a protocol error; a close is just the end of an idle connection.
        case idle
        case head
        case body(remaining: Int)
        case chunked
        case untilClose
    }

    /// The longest response head accepted; a café that sends more is not speaking HTTP to us.
    static let maximumHeadBytes = 64 * 1024

    private var state = State.idle
    private var head: [UInt8] = []
    private var headEndMatched = 0
    private var heardFirstByte = false
    private var status = 0
    private var keepAlive = false
    private var chunkedTail: UInt64 = 0
    private var chunkedBodyBytes = 0

    /// Arms the reader for the response to a request about to be sent.
    func expectResponse() {
        state = .head
        head.removeAll(keepingCapacity: true)
        headEndMatched = 0
        heardFirstByte = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if case .idle = state {
            // A café talking when nobody asked: not HTTP as we know it. Drop the connection.
            context.close(promise: nil)
            return
        }
        if !heardFirstByte {
            heardFirstByte = true
            onEvent?(.firstByte)
        }
        let outcome: Event? = buffer.withUnsafeReadableBytes { consume($0) }
        if let outcome {
            state = .idle
            onEvent?(outcome)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .idle: break
        case .untilClose:
            state = .idle
            onEvent?(.complete(status: status, keepAlive: false))
        case .head, .body, .chunked:
            state = .idle
            onEvent?(.failed(.closedEarly))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if case .idle = state {
        } else {
            state = .idle
            // On a connection already open, a timeout is the kernel giving up on retransmissions, not a connect.
            let failure = VisitFailure(error)
            onEvent?(.failed(failure == .connectTimeout ? .other : failure))
        }
        context.close(promise: nil)
    }

    // MARK: - Framing

    private func consume(_ bytes: UnsafeRawBufferPointer) -> Event? {
        var index = 0
        while index < bytes.count {
            switch state {
            case .idle:
                return nil
            case .head:
                // Scanned in locals and kept in one append: a property of this class touched once a byte costs an
                // exclusivity check each time, which was most of a customer's reading.
                let start = index
                var matched = headEndMatched
                while index < bytes.count, matched < 4 {
                    let byte = bytes[index]
                    index += 1
                    let expected: UInt8 = matched % 2 == 0 ? 13 : 10
                    matched = byte == expected ? matched + 1 : (byte == 13 ? 1 : 0)
                }
                headEndMatched = matched
                head.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                // As byte by byte: a head may end on the byte that takes it one past the limit, not later.
                if matched == 4 && head.count <= Self.maximumHeadBytes + 1 {
                    if let event = headEnded() { return event }
                } else if head.count > Self.maximumHeadBytes {
                    return .failed(.badResponse)
                }
            case .body(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                if remaining - taken == 0 { return .complete(status: status, keepAlive: keepAlive) }
                state = .body(remaining: remaining - taken)
            case .chunked:
                // Only the end matters: the zero-size last chunk, "0\r\n\r\n", at a chunk boundary.
                let byte = bytes[index]
                index += 1
                chunkedBodyBytes += 1
                chunkedTail = (chunkedTail << 8) | UInt64(byte)
                let lastChunkAfterData: UInt64 = 0x0D0A_300D_0A0D_0A  // "\r\n0\r\n\r\n"
                let lastChunkAlone: UInt64 = 0x30_0D0A_0D0A  // "0\r\n\r\n"
                if chunkedTail & 0xFF_FFFF_FFFF_FFFF == lastChunkAfterData
                    || (chunkedBodyBytes == 5 && chunkedTail & 0xFF_FFFF_FFFF == lastChunkAlone)
                {
                    return .complete(status: status, keepAlive: keepAlive)
                }
            case .untilClose:
                index = bytes.count
            }
        }
        return nil
    }

    /// Reads the status and the framing headers; returns an event when the response is already complete
    /// (no body) or broken. Works on the bytes: no String per header, the cost of every response.
    private func headEnded() -> Event? {
        let lines = Self.lines(head)
        guard let statusLine = lines.first, statusLine.count >= 12,
            Self.hasPrefix(head, statusLine, "HTTP/1."), head[statusLine.lowerBound + 8] == 32,
            let code = Self.number(head, (statusLine.lowerBound + 9)..<(statusLine.lowerBound + 12)),
            (100...599).contains(code)
        else { return .failed(.badResponse) }
        if code < 200 {
            // 100 Continue and friends: the real answer follows.
            head.removeAll(keepingCapacity: true)
            headEndMatched = 0
            return nil
        }
        status = code
        keepAlive = head[statusLine.lowerBound + 7] == UInt8(ascii: "1")
        var contentLength: Int?
        var chunked = false
        for line in lines.dropFirst() {
            guard let colon = head[line].firstIndex(of: UInt8(ascii: ":")) else { continue }
            var valueStart = colon + 1
            while valueStart < line.upperBound, head[valueStart] == 32 || head[valueStart] == 9 { valueStart += 1 }
            var valueEnd = line.upperBound
            while valueEnd > valueStart, head[valueEnd - 1] == 32 || head[valueEnd - 1] == 9 { valueEnd -= 1 }
            let name = line.lowerBound..<colon, value = valueStart..<valueEnd
            if Self.equalsLowercased(head, name, "content-length") {
                guard let length = Self.number(head, value) else { return .failed(.badResponse) }
                contentLength = length
            } else if Self.equalsLowercased(head, name, "transfer-encoding") {
                chunked = Self.containsLowercased(head, value, "chunked")
            } else if Self.equalsLowercased(head, name, "connection") {
                if Self.containsLowercased(head, value, "close") { keepAlive = false }
                if Self.containsLowercased(head, value, "keep-alive") { keepAlive = true }
            }
        }
        if code == 204 || code == 304 { contentLength = 0 }
        if chunked {
            chunkedTail = 0
            chunkedBodyBytes = 0
            state = .chunked
        } else if let contentLength {
            if contentLength == 0 { return .complete(status: status, keepAlive: keepAlive) }
            state = .body(remaining: contentLength)
        } else {
            keepAlive = false
            state = .untilClose
        }
        return nil
    }

    /// The ranges of the head's lines, without their CRLF, up to the blank line.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 {
                if index == start { break }
                lines.append(start..<index)
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        return lines
    }

    static func hasPrefix(_ bytes: [UInt8], _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[range.lowerBound + $0] == expected[$0] }
        }
    }

    /// Whether the bytes are `lowercase` ignoring ASCII case.
    static func equalsLowercased(_ bytes: [UInt8], _ range: Range<Int>, _ lowercase: StaticString) -> Bool {
        guard range.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[range.lowerBound + $0] | 0x20 == expected[$0] | 0x20 }
        }
    }

    static func containsLowercased(_ bytes: [UInt8], _ range: Range<Int>, _ lowercase: StaticString) -> Bool {
        let length = lowercase.utf8CodeUnitCount
        guard range.count >= length else { return false }
        for start in range.lowerBound...(range.upperBound - length)
        where equalsLowercased(bytes, start..<(start + length), lowercase) {
            return true
        }
        return false
    }

    static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
