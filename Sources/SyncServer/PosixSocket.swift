import CafeHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX socket calls the sync café makes, each returning a Swift value or a typed error.
enum PosixSocket {
    /// Linux's "peer closed its side" poll flag (glibc hides it behind _GNU_SOURCE).
    static let pollReadHangUp: Int32 = 0x2000

    /// Binds and listens on `host:port`. The socket is non-blocking so idle workers can look up from
    /// `poll()` now and then (to retire or stop) instead of sleeping in `accept()` for ever.
    static func listen(host: String, port: Int, backlog: Int) throws(ServeError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw .badHost(host)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .portInUse(port) : .system(call: "bind", errno: code)
        }
        guard Glibc.listen(fd, Int32(backlog)) == 0 else {
            let code = errno
            close(fd)
            throw .system(call: "listen", errno: code)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
    }

    /// The port a socket is bound to (the real one after binding port 0).
    static func boundPort(_ fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until `fd` has something to read, up to `milliseconds` (nil = for ever); false on timeout.
    static func waitReadable(_ fd: Int32, milliseconds: Int?) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let result = poll(&entry, 1, Int32(clamping: milliseconds ?? -1))
        return result > 0
    }

    /// True when the client has closed its side or the connection is gone: the customer walked out.
    static func peerHasLeft(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(pollReadHangUp), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        return entry.revents & Int16(pollReadHangUp | POLLHUP | POLLERR) != 0
    }

    /// Writes all bytes; false when the connection broke first. Never raises SIGPIPE.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Half-closes, then reads and drops what the client still sends, for at most 200 ms or 64 KiB, so the
    /// answer already written is not lost to a reset. The caller closes the socket afterwards.
    static func lingeringClose(_ fd: Int32) {
        Glibc.shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(200))
        while drained < 64 * 1024 {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero, waitReadable(fd, milliseconds: Int(remaining.milliseconds.rounded(.up))) else { return }
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            drained += count
        }
    }
}
