import CafeHTTP

#if canImport(Glibc)
import Glibc
#endif

/// `barista bench door`: what reading the door costs (`KernelSocketTable`, in every café's `/stats`) on a machine
/// that has served many short connections: each one leaves a TIME_WAIT socket behind for a minute, and the text table
/// `/proc/net/tcp` lists them all, while sock_diag asks the kernel for the two states a door can hold.
public struct DoorReadingBenchmark: Sendable {
    /// TIME_WAIT sockets to leave behind first (a minute at `leftovers` ÷ 60 customers a second).
    public var leftovers: Int
    /// Readings to time with each method.
    public var readings: Int

    /// Customers at the door being read.
    static let customers = 20
    /// The door's address: a loopback address of its own (Linux answers all of 127/8). A client still dialling
    /// 127.0.0.1 at a port number the kernel gave out before cannot reach it, and a server on that port number at
    /// another address is another door, not counted.
    static let host = "127.0.0.2"

    public init(leftovers: Int = 20_000, readings: Int = 200) {
        self.leftovers = leftovers
        self.readings = readings
    }

    public func run() throws {
        let door = try ListeningSocket.open(host: Self.host, port: 0, backlog: 64)
        defer { close(door) }
        let port = ListeningSocket.boundPort(door)
        let address = DoorAddress(host: Self.host)
        let queued = try (0..<Self.customers).map { _ in
            try OneShotClient(host: Self.host, port: port, timeout: .seconds(5)).connect()
        }
        defer { queued.forEach { close($0) } }
        let left = try leaveTimeWait(leftovers)
        print(
            "door of \(Self.customers) customers on a machine with \(left) sockets in TIME_WAIT; \(readings) readings each:"
        )
        var diagCount: KernelSocketTable.DoorCount?
        let diag = Self.microseconds(readings) {
            diagCount = KernelSocketTable.readDiag(port: port, address: address)
        }
        var textCount: KernelSocketTable.DoorCount?
        let text = Self.microseconds(readings) {
            textCount = KernelSocketTable.readText(KernelSocketTable.tables, port: port, address: address)
        }
        print(
            "  sock_diag (ESTABLISHED and CLOSE_WAIT only): \(Int(diag.rounded())) µs, \(diagCount?.queued ?? 0) queued"
        )
        print(
            "  /proc/net/tcp{,6} (every socket):           \(Int(text.rounded())) µs, \(textCount?.queued ?? 0) queued")
    }

    /// Opens, accepts and closes `count` connections, the client first, so each leaves its client side in TIME_WAIT.
    private func leaveTimeWait(_ count: Int) throws -> Int {
        let listener = try ListeningSocket.open(host: "127.0.0.1", port: 0, backlog: 128)
        defer { close(listener) }
        let client = OneShotClient(port: ListeningSocket.boundPort(listener), timeout: .seconds(5))
        var left = 0
        for _ in 0..<count {
            guard let fd = try? client.connect() else { break }  // out of ephemeral ports: as many as there are
            let accepted = accept(listener, nil, nil)
            close(fd)
            if accepted >= 0 { close(accepted) }
            left += 1
        }
        return left
    }

    /// Wall time of one run of `work`, averaged over `count` runs, in microseconds.
    private static func microseconds(_ count: Int, _ work: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure { for _ in 0..<count { work() } }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds * 1e6 / Double(max(count, 1))
    }
}
