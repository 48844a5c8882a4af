import CSystemShims
import CafeHTTP
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The kernel's socket table: who is at the door, and who already left", .onOwnThreads)
struct KernelSocketTableTests {
    /// Port 0x1F90 = 8080: a listener, two queued customers (one gone), one accepted and gone (its inode is
    /// set: the café owns it), a TIME_WAIT leftover and another port's queued customer.
    static let sample = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000  1000        0 41234 1 0 100 0 0 10 0
           1: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000  1000        0 0 1 0 20 4 30 10 -1
           2: 0100007F:1F90 0100007F:D2A6 08 00000000:00000001 00:00000000 00000000  1000        0 0 1 0 20 4 30 10 -1
           3: 0100007F:1F90 0100007F:D2A8 08 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0 20 4 30 10 -1
           4: 0100007F:1F90 0100007F:D2AA 06 00000000:00000000 03:00000D7F 00000000     0        0 0 3 0
           5: 0100007F:1F91 0100007F:D2AC 08 00000000:00000000 00:00000000 00000000  1000        0 0 1 0 20 4 30 10 -1
           6: 0100007F:D2A4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 61234 1 0 20 4 30 10 -1

        """

    @Test("counts the not-yet-accepted sockets of one port, and the ones whose client left")
    func parsesSample() {
        #expect(KernelSocketTable.parse(Self.sample, port: 8080) == .init(queued: 2, gone: 1))
        #expect(KernelSocketTable.parse(Self.sample, port: 8081) == .init(queued: 1, gone: 1))
        #expect(KernelSocketTable.parse(Self.sample, port: 9999) == .init(queued: 0, gone: 0))
    }

    @Test("finds the listener of a port (an outside server on this machine), and only a listener")
    func findsListener() {
        var text = Self.sample
        text.withUTF8 { bytes in
            #expect(KernelSocketTable.listens(bytes, port: 8080))
            #expect(!KernelSocketTable.listens(bytes, port: 8081), "a queued socket is not a listener")
            #expect(!KernelSocketTable.listens(bytes, port: 9999))
        }
    }

    @Test("reads IPv6 lines, lower-case hex, and survives junk and a missing last newline")
    func parsesOddLines() {
        let text = """
            sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
             0: 00000000000000000000000001000000:1f90 00000000000000000000000001000000:D2A4 08 00000000:00000000 00:00000000 00000000  1000        0 0 1
            garbage line
             1: 0100007F:1F90
             2: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000  1000        0 0 1
            """
        #expect(KernelSocketTable.parse(text, port: 8080) == .init(queued: 2, gone: 1))
    }

    @Test("live: a door nobody opens, five customers, two walk out")
    func liveDoor() async throws {
        // Backlog 4 holds exactly these 5 (Linux queues one more than the backlog): another test's client still
        // dialling a port number the kernel gave out before cannot join this door.
        let listener = try ListeningSocket.open(host: "127.0.0.1", port: 0, backlog: 4)
        defer { close(listener) }
        let port = ListeningSocket.boundPort(listener)
        let client = OneShotClient(port: port, timeout: .seconds(10))
        var customers = try (0..<5).map { _ in try client.connect() }
        defer { customers.forEach { close($0) } }
        for _ in 0..<2 { close(customers.removeLast()) }
        let table = KernelSocketTable(port: port)
        let count = await eventually(within: .seconds(10), { table.doorCount() }) { $0 == .init(queued: 5, gone: 2) }
        #expect(count == .init(queued: 5, gone: 2))
        // The kernel's answer by sock_diag is the text table's, which lists every socket of the machine. Both are
        // read back to back: another test's stray connection to a port it believes closed may join this door
        // between two moments, so they are compared at the same one.
        let agree = await eventually(within: .seconds(10)) {
            var queued: UInt32 = 0, gone: UInt32 = 0
            guard shim_door_of_port(Int32(port), &queued, &gone) == 0 else { return false }
            let text = KernelSocketTable.readText(["/proc/net/tcp", "/proc/net/tcp6"], port: port)
            return text == .init(queued: Int(queued), gone: Int(gone)) && queued >= 5 && gone >= 2
        }
        #expect(agree, "sock_diag and /proc/net/tcp agree on the door")
    }
}

@Suite("The backlog of any listener on this machine, by port (sock_diag)", .onOwnThreads)
struct ListenBacklogTests {
    @Test("a listener nobody accepts from: its backlog as asked, and the clients waiting; a closed port has none")
    func backlogByPort() throws {
        let closedPort: Int
        do {
            let server = NeverAcceptingServer(backlog: 7)
            let empty = try #require(ListenBacklog.ofPort(server.port))
            #expect(empty.queued == 0 && empty.backlog == 7)
            server.connectClients(3)
            let three = try #require(ListenBacklog.ofPort(server.port))
            #expect(three.queued == 3 && three.backlog == 7)
            closedPort = server.port
        }
        #expect(ListenBacklog.ofPort(closedPort) == nil, "nothing listens on \(closedPort) any more")
    }
}
