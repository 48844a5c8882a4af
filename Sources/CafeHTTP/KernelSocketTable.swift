import CSystemShims
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernel's own list of the café's sockets (Linux `/proc/net/tcp` and `/proc/net/tcp6`), read to see
/// who is at the door: connections the kernel has completed but the café has not accepted yet, and among
/// them the customers who already walked out.
///
/// A socket not yet accepted belongs to no process, so its inode column is 0. When its client closes
/// first, the kernel moves it to CLOSE_WAIT (`08`) and still keeps it in the accept queue: the café will
/// accept it later and brew for nobody. `TCP_INFO` counts such a socket as queued like any other; only
/// this table tells them apart.
///
/// `/stats` is polled about 20 times a second, so a reading is kept for `maximumAge`. It asks the kernel by sock_diag
/// for only the ESTABLISHED and CLOSE_WAIT sockets; where that is refused, the text tables, which may hold thousands
/// of lines, are parsed byte by byte, without splitting them into strings.
public final class KernelSocketTable: Sendable {
    /// Customers at the door, as the kernel lists them.
    public struct DoorCount: Equatable, Sendable {
        /// Completed connections not yet accepted (ESTABLISHED or CLOSE_WAIT, inode 0).
        public var queued: Int
        /// Of those, the ones whose client has already closed (CLOSE_WAIT, inode 0).
        public var gone: Int

        public init(queued: Int, gone: Int) {
            self.queued = queued
            self.gone = gone
        }
    }

    /// How long a reading stays good: /stats pollers ask far more often than a door changes visibly.
    public static let maximumAge: Duration = .milliseconds(200)
    /// The kernel's text tables of TCP sockets, IPv4 and IPv6.
    public static let tables = ["/proc/net/tcp", "/proc/net/tcp6"]

    private let port: Int
    private let address: DoorAddress
    private let paths: [String]
    private let cache = Mutex<(at: ContinuousClock.Instant, count: DoorCount?)?>(nil)

    /// Watches the door on `port` at `address` (the café's listening socket): another server may listen on the same
    /// port at another address.
    public init(port: Int, address: DoorAddress = .any, paths: [String] = KernelSocketTable.tables) {
        self.port = port
        self.address = address
        self.paths = paths
    }

    /// The door now (or at most `maximumAge` ago); nil where the table cannot be read (not Linux).
    public func doorCount() -> DoorCount? {
        let now = ContinuousClock.now
        return cache.withLock { cache in
            if let cache, cache.at.duration(to: now) < Self.maximumAge { return cache.count }
            let count = readTable()
            cache = (now, count)
            return count
        }
    }

    /// How many of the `queued` customers at the door have already gone. With nobody queued there is nobody to
    /// look for, and the table — every socket on the machine, over a hundred thousand in TIME_WAIT after a minute
    /// at 1,000 customers/s — is not read: reading it made each `/stats` take seconds.
    public func gone(queued: Int) -> Int? {
        queued > 0 ? doorCount()?.gone : 0
    }

    /// True when a socket on this machine listens on the port: a server given by URL is on this machine, and
    /// its door can be read here (the show's outside view of gunicorn or uvicorn).
    public func hasListener() -> Bool {
        paths.contains { path in
            guard let bytes = Self.contents(of: path) else { return false }
            return bytes.withUnsafeBufferPointer { Self.listens($0, port: port) }
        }
    }

    /// True when the text of `/proc/net/tcp` or `tcp6` has a LISTEN (`0A`) socket on local port `port`.
    public static func listens(_ text: UnsafeBufferPointer<UInt8>, port: Int) -> Bool {
        var index = 0
        while index < text.count {
            var lineEnd = index
            while lineEnd < text.count && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if let entry = entry(text, from: index, to: lineEnd), entry.port == port, entry.state == 0x0A {
                return true
            }
            index = lineEnd + 1
        }
        return false
    }

    /// The inode of the LISTEN (`0A`) socket on local port `port` in the text of `/proc/net/tcp` or `tcp6`: the
    /// key to the process that owns it (`socket:[inode]` in `/proc/PID/fd`). Nil when none listens, or its inode is
    /// hidden (0: another user's socket read without permission).
    public static func listeningInode(_ text: String, port: Int) -> Int? {
        var text = text
        return text.withUTF8 { text in
            var index = 0
            while index < text.count {
                var lineEnd = index
                while lineEnd < text.count && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                if let entry = entry(text, from: index, to: lineEnd), entry.port == port, entry.state == 0x0A,
                    entry.inode != 0
                {
                    return entry.inode
                }
                index = lineEnd + 1
            }
            return nil
        }
    }

    private func readTable() -> DoorCount? {
        // sock_diag asks the kernel for the two states that can be at a door; the text tables list every socket,
        // TIME_WAIT included (over a hundred thousand after a minute at 1,000 customers/s), and are the fallback.
        Self.readDiag(port: port, address: address) ?? Self.readText(paths, port: port, address: address)
    }

    /// The count by sock_diag; nil where the kernel refuses it.
    public static func readDiag(port: Int, address: DoorAddress = .any) -> DoorCount? {
        var queued: UInt32 = 0, gone: UInt32 = 0
        let asked = address.family
        let answered = (asked?.bytes ?? []).withUnsafeBufferPointer { bytes in
            shim_door_at(asked?.family ?? 0, asked == nil ? nil : bytes.baseAddress, Int32(port), &queued, &gone)
        }
        return answered == 0 ? DoorCount(queued: Int(queued), gone: Int(gone)) : nil
    }

    /// The same count from the text tables (`/proc/net/tcp{,6}`).
    public static func readText(_ paths: [String], port: Int, address: DoorAddress = .any) -> DoorCount? {
        var total: DoorCount?
        for path in paths {
            guard let bytes = Self.contents(of: path) else { continue }
            let count = bytes.withUnsafeBufferPointer { Self.parse($0, port: port, address: address) }
            total = DoorCount(queued: (total?.queued ?? 0) + count.queued, gone: (total?.gone ?? 0) + count.gone)
        }
        return total
    }

    /// The whole file: a /proc file has no size to ask for, so it is read until end of file.
    private static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * 1024)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    // MARK: - Parsing

    /// Counts the not-yet-accepted sockets on local port `port` at `address` in the text of `/proc/net/tcp` or `tcp6`.
    ///
    /// A line is `sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...`, the
    /// addresses as `HEXIP:HEXPORT`. The header line and anything malformed are skipped.
    ///
    /// The file is no snapshot: the kernel writes it a chunk per read while sockets come and go, and a line of one
    /// chunk can come again in the next. So a connection (its two addresses) counts once, and as gone when any of
    /// its lines says so (it may have moved to CLOSE_WAIT between the two).
    public static func parse(_ text: UnsafeBufferPointer<UInt8>, port: Int, address: DoorAddress = .any) -> DoorCount {
        let addressText = address.tableText
        var connections: [[UInt8]: Bool] = [:]  // each connection at the door, and whether its client has gone
        var index = 0
        let end = text.count
        while index < end {
            var lineEnd = index
            while lineEnd < end && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if let entry = entry(text, from: index, to: lineEnd), entry.port == port, entry.inode == 0,
                addressText.map({ $0.elementsEqual(text[entry.address]) }) ?? true
            {
                // ESTABLISHED (01), or CLOSE_WAIT (08): its client has already closed.
                if entry.state == 0x01 || entry.state == 0x08 {
                    let connection = Array(text[entry.connection])
                    connections[connection] = (connections[connection] ?? false) || entry.state == 0x08
                }
            }
            index = lineEnd + 1
        }
        return DoorCount(queued: connections.count, gone: connections.values.count { $0 })
    }

    /// Counts in a `String` (for tests and tools; the café reads bytes).
    public static func parse(_ text: String, port: Int, address: DoorAddress = .any) -> DoorCount {
        var text = text
        return text.withUTF8 { parse($0, port: port, address: address) }
    }

    /// Where the local address's hex and both addresses (the connection) lie in one line, and its local port, state
    /// and inode; nil when it is not a socket line.
    private static func entry(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    )
        -> (address: Range<Int>, connection: Range<Int>, port: Int, state: Int, inode: Int)?
    {
        var address = start..<start, connection = start..<start, port = -1, state = -1, inode = -1
        var field = 0
        var index = start
        while index < end {
            while index < end && text[index] == UInt8(ascii: " ") { index += 1 }
            guard index < end else { break }
            var fieldEnd = index
            while fieldEnd < end && text[fieldEnd] != UInt8(ascii: " ") { fieldEnd += 1 }
            switch field {
            case 1:
                // The port is the hex after the address's colon.
                var colon = fieldEnd - 1
                while colon > index && text[colon] != UInt8(ascii: ":") { colon -= 1 }
                guard colon > index, let value = number(text, from: colon + 1, to: fieldEnd, radix: 16) else {
                    return nil
                }
                port = value
                address = index..<colon
            case 2:
                connection = address.lowerBound..<fieldEnd
            case 3:
                guard let value = number(text, from: index, to: fieldEnd, radix: 16) else { return nil }
                state = value
            case 9:
                guard let value = number(text, from: index, to: fieldEnd, radix: 10) else { return nil }
                inode = value
                return (address, connection, port, state, inode)
            default:
                break
            }
            field += 1
            index = fieldEnd
        }
        return nil
    }

    private static func number(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, radix: Int) -> Int? {
        guard start < end else { return nil }
        var value = 0
        for index in start..<end {
            let byte = text[index]
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = Int(byte - UInt8(ascii: "a")) + 10
            default: return nil
            }
            value = value &* radix &+ digit
        }
        return value
    }
}
