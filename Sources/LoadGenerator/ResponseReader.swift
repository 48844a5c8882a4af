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
            onEvent?(.failed(VisitFailure(error)))
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
                let byte = bytes[index]
                index += 1
                head.append(byte)
                let expected: UInt8 = headEndMatched % 2 == 0 ? 13 : 10
                headEndMatched = byte == expected ? headEndMatched + 1 : (byte == 13 ? 1 : 0)
                if headEndMatched == 4 {
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
    /// (no body) or broken.
    private func headEnded() -> Event? {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true).makeIterator()
        guard let statusLine = lines.next() else { return .failed(.badResponse) }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]), (100...599).contains(code)
        else { return .failed(.badResponse) }
        if code < 200 {
            // 100 Continue and friends: the real answer follows.
            head.removeAll(keepingCapacity: true)
            headEndMatched = 0
            return nil
        }
        status = code
        keepAlive = parts[0] == "HTTP/1.1"
        var contentLength: Int?
        var chunked = false
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmedSpaces().lowercased()
            switch name {
            case "content-length":
                guard let length = Int(value), length >= 0 else { return .failed(.badResponse) }
                contentLength = length
            case "transfer-encoding": chunked = value.contains("chunked")
            case "connection":
                if value.contains("close") { keepAlive = false }
                if value.contains("keep-alive") { keepAlive = true }
            default: break
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
}

extension Substring {
    fileprivate func trimmedSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
