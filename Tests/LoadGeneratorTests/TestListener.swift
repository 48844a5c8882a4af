import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A tiny loopback server with one behaviour, for the cases a café does not do on purpose: answering
/// nothing, resetting, or answering on kept-alive connections while writing down who came and when.
final class TestListener: Sendable {
    enum Behaviour: Sendable {
        /// Accepts and never answers (a café so slow every customer walks out).
        case silent
        /// Reads the request, then resets the connection (SO_LINGER 0, then close).
        case reset
        /// Answers 200 to every request, keeping the connection open when asked to; records the customers.
        case answer
        /// Answers every request with these bytes, sent in two pieces, then closes.
        case raw(String)
    }

    struct Visit: Sendable {
        var customerId: Int
        var at: ContinuousClock.Instant
    }

    let port: Int
    private let listenFD: Int32
    private let behaviour: Behaviour
    private let state = Mutex(State())

    /// Descriptors are closed only under this lock and by their owning thread, and `stop()` shuts down only
    /// descriptors still open: a closed number may already belong to another test's socket.
    private struct State {
        var stopping = false
        var listenClosed = false
        var clients: [Int32] = []
        var visits: [Visit] = []
        var connections = 0
    }

    init(_ behaviour: Behaviour) {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        listen(fd, 512)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listenFD = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var visits: [Visit] { state.withLock { $0.visits } }
    var connections: Int { state.withLock { $0.connections } }

    func stop() {
        state.withLock { state in
            state.stopping = true
            if !state.listenClosed { shutdown(listenFD, Int32(SHUT_RDWR)) }
            for fd in state.clients { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                let stopped = state.withLock { state in
                    guard state.stopping else { return false }
                    state.listenClosed = true
                    close(listenFD)
                    return true
                }
                if stopped { return }
                continue
            }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.clients.append(client)
                state.connections += 1
                return true
            }
            guard accepted else {
                close(client)
                continue
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            state.withLock { state in
                state.clients.removeAll { $0 == fd }
                close(fd)
            }
        }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            // Wait for one whole request head.
            while !Self.containsHeadEnd(pending) {
                let count = recv(fd, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                pending += buffer[0..<count]
            }
            let end = Self.headEnd(pending)!
            let head = String(decoding: pending[0..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            switch behaviour {
            case .silent:
                // Hold the connection until the customer leaves or the test ends.
                while recv(fd, &buffer, buffer.count, 0) > 0 {}
                return
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            case .raw(let reply):
                let bytes = Array(reply.utf8)
                let half = bytes.count / 2
                _ = bytes[..<half].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                usleep(2000)
                _ = bytes[half...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                return
            case .answer:
                let id =
                    head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("x-customer-id:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? -1
                state.withLock { $0.visits.append(Visit(customerId: id, at: .now)) }
                let keepAlive = head.lowercased().contains("connection: keep-alive")
                let body = "cup\n"
                let reply =
                    "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\nConnection: "
                    + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n" + body
                let bytes = Array(reply.utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if !keepAlive { return }
            }
        }
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func containsHeadEnd(_ bytes: [UInt8]) -> Bool { headEnd(bytes) != nil }
}
