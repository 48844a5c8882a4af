import CafeModel

#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client for loopback: one connection, one request, one response, then close.
/// Tests and the bench command use it to talk to a café exactly as a plain client would, raw bytes
/// included (so malformed requests can be sent on purpose).
public struct OneShotClient: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: String

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        case connect(errno: Int32)
        /// The server closed the connection without a complete response.
        case closedWithoutReply
        case timedOut
    }

    public var host: String
    public var port: Int
    public var timeout: Duration

    public init(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// `GET path` with optional extra headers.
    public func get(_ path: String, headers: [String: String] = [:], method: String = "GET") throws(Failure) -> Reply {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"  // an IPv6 host is bracketed
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request += "\(name): \(value)\r\n" }
        return try send(Array((request + "\r\n").utf8))
    }

    /// Sends raw bytes and reads the reply until the server closes or the body is complete.
    public func send(_ bytes: [UInt8]) throws(Failure) -> Reply {
        let fd = try connect()
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            // A server may answer and close before reading everything (e.g. 414): read what it said.
            if written <= 0 { break }
            offset += written
        }
        return try readReply(fd)
    }

    /// Opens a connection (blocking) and returns its descriptor; the caller closes it.
    public func connect() throws(Failure) -> Int32 {
        guard let address = SocketAddress(host: host, port: port) else { throw .connect(errno: EINVAL) }
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .connect(errno: errno) }
        let result = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw .connect(errno: code)
        }
        return fd
    }

    /// Reads one response from `fd`: until the server closes, or Content-Length bytes of body arrived.
    public func readReply(_ fd: Int32) throws(Failure) -> Reply {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let reply = Self.parse(buffer, complete: false) { return reply }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { throw .timedOut }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: Int(remaining.milliseconds) + 1)
            guard poll(&entry, 1, milliseconds) > 0 else { throw .timedOut }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                if let reply = Self.parse(buffer, complete: true) { return reply }
                throw .closedWithoutReply
            }
            buffer += chunk[0..<count]
        }
    }

    /// A reply once its head and (by Content-Length, or by the close) its body are in.
    static func parse(_ bytes: [UInt8], complete: Bool) -> Reply? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4,
            let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(separator) })
        else { return nil }
        let headText = String(decoding: bytes[0..<end], as: UTF8.self)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces)
        }
        let body = bytes[(end + 4)...]
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
        if let length, body.count >= length || complete {
            return Reply(status: status, headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self))
        }
        return complete ? Reply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)) : nil
    }
}
