import CafeHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX socket calls the sync café makes, each returning a Swift value or a typed error.
enum PosixSocket {
    /// Linux's "peer closed its side" poll flag, `POLLRDHUP` (glibc hides it behind _GNU_SOURCE).
    static let pollReadHangUp: Int32 = 0x2000
    /// A lingering close reads what a refused client still sends for at most this long…
    static let lingerFor: Duration = .milliseconds(200)
    /// …and at most this many bytes, so a client that never stops sending cannot keep a barista.
    static let lingerBytes = 64 * 1024

    /// Opens the door: binds and listens on `host:port`, non-blocking, so idle workers can look up from
    /// `poll()` now and then (to retire or stop) instead of sleeping in `accept()` for ever.
    static func listen(host: String, port: Int, backlog: Int) throws(ServeError) -> Int32 {
        let fd = try ListeningSocket.open(host: host, port: port, backlog: backlog)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
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

    /// Half-closes, then reads and drops what the client still sends, for at most `lingerFor` or `lingerBytes`, so
    /// the answer already written is not lost to a reset (the kernel resets a connection closed with unread
    /// bytes). The caller closes the socket afterwards.
    static func lingeringClose(_ fd: Int32) {
        Glibc.shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: SyncWorker.readChunkBytes)
        var drained = 0
        let deadline = ContinuousClock.now.advanced(by: lingerFor)
        while drained < lingerBytes {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let waitMs = Int(remaining.milliseconds.rounded(.up))
            guard remaining > .zero, waitReadable(fd, milliseconds: waitMs) else { return }
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            drained += count
        }
    }
}
