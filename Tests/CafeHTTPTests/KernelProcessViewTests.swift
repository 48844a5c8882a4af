import CafeHTTP
import CafeModel
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The kernel's view of a process: each thread's state and where it waits", .onOwnThreads)
struct KernelProcessViewTests {
    @Test("wait channels of several kernels map to what the pane draws")
    func classifies() {
        let cases: [(Character, String, KernelActivity)] = [
            ("S", "hrtimer_nanosleep", .sleeping),
            ("S", "do_nanosleep", .sleeping),
            ("S", "wait_woken", .reading),
            ("S", "sk_wait_data", .reading),
            ("S", "do_select", .waitingForCustomers),
            ("S", "poll_schedule_timeout.constprop.0", .waitingForCustomers),
            ("S", "do_sys_poll", .waitingForCustomers),
            ("S", "ep_poll", .waitingForCustomers),
            ("S", "inet_csk_accept", .waitingForCustomers),
            ("S", "futex_wait_queue", .waitingForThread),
            ("S", "futex_wait_queue_me", .waitingForThread),
            ("R", "0", .working),
            ("R", "ep_poll", .working),
            ("D", "io_schedule", .unknown),
            ("S", "", .unknown),
        ]
        for (state, wchan, activity) in cases {
            #expect(KernelProcessView.classify(state: state, wchan: wchan) == activity, "\(state) \(wchan)")
        }
        #if arch(x86_64)
        #expect(KernelProcessView.classify(state: "S", syscall: 230) == .sleeping)
        #expect(KernelProcessView.classify(state: "S", syscall: 45) == .reading)
        #expect(KernelProcessView.classify(state: "S", syscall: 232) == .waitingForCustomers)
        #expect(KernelProcessView.classify(state: "S", syscall: 202) == .waitingForThread)
        #endif
        #expect(KernelProcessView.classify(state: "S", syscall: nil) == .unknown)
    }

    @Test("a summary names what holds the workers first, and never invents a count")
    func summary() {
        func thread(_ activity: KernelActivity) -> InsideView.Thread {
            InsideView.Thread(tid: 1, name: "w", state: "S", wchan: "", activity: activity)
        }
        let workers = [thread(.sleeping), thread(.reading), thread(.sleeping), thread(.sleeping)]
        #expect(InsideView.summary(workers) == "4 workers: 3 blocked in sleep, 1 reading")
        #expect(InsideView.summary([thread(.waitingForCustomers)], noun: "loop") == "1 loop: 1 waiting for customers")
        #expect(InsideView.summary([]) == "0 workers")
    }

    @Test("the workers are the children's main threads; a single process's worker is its main thread")
    func workers() {
        func process(_ pid: Int32, _ activities: [KernelActivity]) -> InsideView.Process {
            InsideView.Process(
                pid: pid, name: "p",
                threads: activities.enumerated().map {
                    InsideView.Thread(
                        tid: pid + Int32($0.offset), name: "t", state: "S", wchan: "", activity: $0.element)
                })
        }
        let gunicorn = InsideView(processes: [
            process(10, [.waitingForThread]), process(11, [.sleeping]), process(12, [.reading, .waitingForThread]),
        ])
        #expect(gunicorn.workers.map(\.activity) == [.sleeping, .reading])
        #expect(gunicorn.threads.count == 4)
        let uvicorn = InsideView(processes: [process(20, [.sleeping, .waitingForThread])])
        #expect(uvicorn.workers.map(\.activity) == [.sleeping])
    }

    @Test("a listening socket's inode in the kernel's table, and only a listener's")
    func listeningInode() {
        #expect(KernelSocketTable.listeningInode(KernelSocketTableTests.sample, port: 8080) == 41234)
        #expect(KernelSocketTable.listeningInode(KernelSocketTableTests.sample, port: 8081) == nil)
    }

    @Test("this very process, read from /proc: a thread in nanosleep is blocked in sleep, one in recv is reading")
    func readsThisProcess() async throws {
        let view = KernelProcessView(root: getpid())
        // A thread that sleeps, and one that waits for bytes from a socket that never sends any.
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { pair.forEach { _ = close($0) } }
        let reader = pair[0]
        let sleeper = Thread {
            KernelThreadName.set("kview-sleeper")
            usleep(12_000_000)
        }
        sleeper.start()
        let listener = Thread {
            KernelThreadName.set("kview-reader")
            var byte: UInt8 = 0
            _ = recv(reader, &byte, 1, 0)
        }
        listener.start()
        // Up to 10 s for both threads to be seen where they wait (a starved machine starts threads late).
        let seen = await eventually(within: .seconds(10), every: KernelProcessView.maximumAge, { view.sample() }) {
            guard let inside = $0 else { return false }
            return inside.threads.contains(where: { $0.name == "kview-sleeper" && $0.activity == .sleeping })
                && inside.threads.contains(where: { $0.name == "kview-reader" && $0.activity == .reading })
        }
        let threads = seen?.threads ?? []
        #expect(threads.contains { $0.name == "kview-sleeper" && $0.activity == .sleeping }, "\(threads)")
        #expect(threads.contains { $0.name == "kview-reader" && $0.activity == .reading }, "\(threads)")
        #expect(seen?.processes.first?.pid == getpid())
        _ = send(pair[1], "x", 1, 0)
    }

    @Test("the owner of a listening port is found through its socket's inode")
    func ownerOfPort() throws {
        let fd = try ListeningSocket.open(host: "127.0.0.1", port: 0, backlog: 16)
        defer { close(fd) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        #expect(KernelProcessView.owner(ofListeningPort: port) == getpid())
        let closed = ClosedLoopbackPort()
        defer { closed.close() }
        #expect(KernelProcessView.owner(ofListeningPort: closed.port) == nil)
    }
}
