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

    @Test("a connection listed twice counts once: the kernel writes the file a chunk at a time while sockets change")
    func countsAConnectionOnce() {
        let established = Self.sample.split(separator: "\n")[2]  // 1: …:1F90 …:D2A4 01
        #expect(established.contains(":D2A4 01 "))
        let twice = Self.sample + established + "\n"
        #expect(KernelSocketTable.parse(twice, port: 8080) == .init(queued: 2, gone: 1))
        // Its client closed between the two chunks: listed once ESTABLISHED, once CLOSE_WAIT. It has gone.
        let closedBetween = Self.sample + established.replacing(":D2A4 01 ", with: ":D2A4 08 ") + "\n"
        #expect(KernelSocketTable.parse(closedBetween, port: 8080) == .init(queued: 2, gone: 2))
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
        // A loopback address of its own: another test's client still dialling 127.0.0.1 at a port number the kernel
        // gave out before cannot reach this door.
        let host = "127.0.0.2"
        let listener = try ListeningSocket.open(host: host, port: 0, backlog: 16)
        defer { close(listener) }
        let port = ListeningSocket.boundPort(listener)
        let client = OneShotClient(host: host, port: port, timeout: .seconds(10))
        var customers = try (0..<5).map { _ in try client.connect() }
        defer { customers.forEach { close($0) } }
        for _ in 0..<2 { close(customers.removeLast()) }
        let table = KernelSocketTable(port: port, address: .of(listening: listener))
        let count = await eventually(within: .seconds(10), { table.doorCount() }) { $0 == .init(queued: 5, gone: 2) }
        #expect(count == .init(queued: 5, gone: 2))
        // The kernel's answer by sock_diag is the text table's, which lists every socket of the machine.
        let address = DoorAddress(host: host)
        #expect(KernelSocketTable.readDiag(port: port, address: address) == .init(queued: 5, gone: 2))
        #expect(
            KernelSocketTable.readText(KernelSocketTable.tables, port: port, address: address)
                == .init(queued: 5, gone: 2))
    }

    @Test("live: two doors on one port number at two addresses are two doors; a wildcard reading counts both")
    func doorsAtTwoAddresses() throws {
        let first = try ListeningSocket.open(host: "127.0.0.2", port: 0, backlog: 16)
        defer { close(first) }
        let port = ListeningSocket.boundPort(first)
        let second = try ListeningSocket.open(host: "127.0.0.3", port: port, backlog: 16)
        defer { close(second) }
        let customers =
            try (0..<2).map { _ in try OneShotClient(host: "127.0.0.2", port: port).connect() }
            + (0..<3).map { _ in try OneShotClient(host: "127.0.0.3", port: port).connect() }
        defer { customers.forEach { close($0) } }
        for (address, queued) in [(DoorAddress.of(listening: first), 2), (.of(listening: second), 3), (.any, 5)] {
            let want = KernelSocketTable.DoorCount(queued: queued, gone: 0)
            #expect(KernelSocketTable.readDiag(port: port, address: address) == want, "sock_diag at \(address)")
            #expect(
                KernelSocketTable.readText(KernelSocketTable.tables, port: port, address: address) == want,
                "text at \(address)")
        }
    }

    @Test("live: a door on IPv6 loopback is read at [::1], by sock_diag and by the text table")
    func doorOnIPv6() throws {
        let listener = try ListeningSocket.open(host: "::1", port: 0, backlog: 16)
        defer { close(listener) }
        let port = ListeningSocket.boundPort(listener)
        let customers = try (0..<3).map { _ in try OneShotClient(host: "::1", port: port).connect() }
        defer { customers.forEach { close($0) } }
        let address = DoorAddress.of(listening: listener)
        #expect(address == DoorAddress(host: "::1"))
        #expect(KernelSocketTable.readDiag(port: port, address: address) == .init(queued: 3, gone: 0))
        #expect(
            KernelSocketTable.readText(KernelSocketTable.tables, port: port, address: address)
                == .init(queued: 3, gone: 0))
        #expect(
            KernelSocketTable.readDiag(port: port, address: DoorAddress(host: "127.0.0.1")) == .init(queued: 0, gone: 0)
        )
    }
}

@Suite("A door's address, as the kernel's tables write it")
struct DoorAddressTests {
    @Test("an address is its bytes; a wildcard and a name are any address")
    func fromHost() {
        #expect(DoorAddress(host: "127.0.0.1") == .ipv4([127, 0, 0, 1]))
        #expect(DoorAddress(host: "localhost") == .ipv4([127, 0, 0, 1]))
        #expect(DoorAddress(host: "::1") == .ipv6(Array(repeating: 0, count: 15) + [1]))
        for host in ["0.0.0.0", "::", "example.com"] {
            #expect(DoorAddress(host: host) == .any, "\(host)")
        }
    }

    @Test("a listening socket's address: the one it was bound to, or any for a wildcard")
    func ofListeningSocket() throws {
        let loopback = try ListeningSocket.open(host: "127.0.0.1", port: 0, backlog: 1)
        defer { close(loopback) }
        #expect(DoorAddress.of(listening: loopback) == .ipv4([127, 0, 0, 1]))
        let wildcard = try ListeningSocket.open(host: "0.0.0.0", port: 0, backlog: 1)
        defer { close(wildcard) }
        #expect(DoorAddress.of(listening: wildcard) == .any)
    }

    @Test("the text tables count only the lines at the door's address")
    func parsesByAddress() {
        func count(_ text: String, at host: String) -> KernelSocketTable.DoorCount {
            KernelSocketTable.parse(text, port: 8080, address: DoorAddress(host: host))
        }
        // Port 8080 at 127.0.0.1 (two queued, one gone) and at 127.0.0.2 (one queued).
        let text =
            KernelSocketTableTests.sample + """
                   7: 0200007F:1F90 0100007F:D2B0 01 00000000:00000000 00:00000000 00000000  1000        0 0 1 0 20 4 30 10 -1

                """
        #expect(count(text, at: "127.0.0.1") == .init(queued: 2, gone: 1))
        #expect(count(text, at: "127.0.0.2") == .init(queued: 1, gone: 0))
        #expect(count(text, at: "0.0.0.0") == .init(queued: 3, gone: 1))
        // Port 8080 at ::1, in the IPv6 table.
        let six = """
               0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:D2A4 01 00000000:00000000 00:00000000 00000000  1000        0 0 1

            """
        #expect(count(six, at: "::1") == .init(queued: 1, gone: 0))
        #expect(count(six, at: "127.0.0.1") == .init(queued: 0, gone: 0))
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
