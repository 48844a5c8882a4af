import CSystemShims
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

    public init(leftovers: Int = 20_000, readings: Int = 200) {
        self.leftovers = leftovers
        self.readings = readings
    }

    public func run() throws {
        // A door that holds exactly these 20 (Linux queues one more than the backlog): a stranger dialling a port
        // number the kernel gave out before cannot join it while it is read.
        let door = try ListeningSocket.open(host: "127.0.0.1", port: 0, backlog: Self.customers - 1)
        defer { close(door) }
        let port = ListeningSocket.boundPort(door)
        let queued = try (0..<Self.customers).map { _ in
            try OneShotClient(port: port, timeout: .seconds(5)).connect()
        }
        defer { queued.forEach { close($0) } }
        let left = try leaveTimeWait(leftovers)
        print(
            "door of \(Self.customers) customers on a machine with \(left) sockets in TIME_WAIT; \(readings) readings each:"
        )
        var diagCount = (queued: UInt32(0), gone: UInt32(0))
        let diag = Self.microseconds(readings) {
            _ = shim_door_of_port(Int32(port), &diagCount.queued, &diagCount.gone)
        }
        var textCount: KernelSocketTable.DoorCount?
        let text = Self.microseconds(readings) {
            textCount = KernelSocketTable.readText(["/proc/net/tcp", "/proc/net/tcp6"], port: port)
        }
        print("  sock_diag (ESTABLISHED and CLOSE_WAIT only): \(Int(diag.rounded())) µs, \(diagCount.queued) queued")
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
