import CSystemShims
import CafeHTTP
import CafeModel
import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The café's door as uvicorn's workers share theirs: every loop takes customers in by itself, on its own thread,
/// and only while it is free. A loop stuck in a blocking brew takes nobody new; a free loop takes them all.
///
/// Each loop has a watcher thread that waits (`poll`) until someone is at the door, then asks its loop to take
/// them in (`accept` until the queue is empty, at most a backlog's worth, as asyncio's `_accept_connection`
/// does) and waits until the loop has done so. A loop in the middle of a blocking call runs that task only when
/// the call returns — just as a gunicorn worker in `time.sleep` is not in `epoll_wait` — so a free loop's task
/// takes the newcomer first. Every watcher wakes for every newcomer (no `EPOLLEXCLUSIVE`: the watcher of a loop
/// that has since blocked must not be the only one woken); the losers find the queue empty and go back to wait.
///
/// Why not a SwiftNIO server channel per loop on duplicates of one socket (the earlier attempt): NIO registers
/// each server channel with its own loop's epoll, level-triggered, so one newcomer makes every loop's epoll report
/// the socket readable. One loop's `accept` wins; the others get `EAGAIN`, so `ServerSocketChannel.readFromSocket`
/// returns `.none`, and `BaseSocketChannel.readable0` asserts `readResult == .some` (NIO's promise that epoll
/// never reports a readable socket with nothing to read, true only while one channel owns the socket). Debug
/// builds trap on that assertion; release builds hide it. Here no NIO channel ever watches the listening socket:
/// the accepts are ours, and an empty queue is an ordinary outcome. With `reuseport` each loop has a socket of its
/// own that only its watcher reads.
final class LoopDoors: Sendable {
    private let loops: [any EventLoop]
    /// The listening sockets (one, or one per loop); nil once closed. Accepts happen under this lock, so no task
    /// left queued on a blocked loop can accept from a socket closed (and its number reused) meanwhile.
    private let sockets: Mutex<[Int32]?>
    /// Written once at closing time, to wake every watcher out of `poll`.
    private let wakeUp: (read: Int32, write: Int32)
    private let stopping = Atomic<Bool>(false)
    /// Signalled when a loop has taken in who was at its door (or when the doors close).
    private let loopDone: [DispatchSemaphore]
    private let watchers = DispatchGroup()
    private let backlog: Int
    private let doorJam: DoorJam
    /// Runs on loop `index` for each customer it took in: makes the connection a channel of that loop.
    private let welcome: @Sendable (_ socket: Int32, _ index: Int) -> Void

    /// Starts one watcher per loop. `sockets` holds one listening socket shared by all loops, or one per loop.
    init(
        sockets: [Int32], loops: [any EventLoop], backlog: Int, doorJam: DoorJam,
        welcome: @escaping @Sendable (_ socket: Int32, _ index: Int) -> Void
    ) {
        precondition(sockets.count == 1 || sockets.count == loops.count)
        self.loops = loops
        self.sockets = Mutex(sockets)
        var pipeEnds: [Int32] = [-1, -1]
        if pipe(&pipeEnds) != 0 { pipeEnds = [-1, -1] }
        for end in pipeEnds where end >= 0 { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeUp = (pipeEnds[0], pipeEnds[1])
        loopDone = loops.map { _ in DispatchSemaphore(value: 0) }
        self.backlog = max(backlog, 1)
        self.doorJam = doorJam
        self.welcome = welcome
        // Non-blocking: a loop that finds the queue empty (another loop was quicker) must not wait in accept.
        for socket in sockets { _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK) }
        for index in loops.indices {
            let socket = sockets.count == 1 ? sockets[0] : sockets[index]
            watchers.enter()
            let thread = Thread { [self] in
                watch(socket, for: index)
                watchers.leave()
            }
            thread.name = "door watcher \(index)"
            thread.stackSize = 128 * 1024
            thread.start()
        }
    }

    /// The kernel's queue (length, capacity) at each door, read without the loops; nil once closed or unreadable.
    func queues() -> [(length: Int, maximum: Int)]? {
        sockets.withLock { sockets in
            var queues: [(length: Int, maximum: Int)] = []
            for fd in sockets ?? [] {
                var length: UInt32 = 0, maximum: UInt32 = 0
                guard shim_listen_queue(fd, &length, &maximum) == 0 else { return nil }
                queues.append((Int(length), Int(maximum)))
            }
            return sockets == nil ? nil : queues
        }
    }

    /// Stops taking customers: the watchers stop (none waits for a blocked loop), then the sockets close.
    /// Customers still in the kernel's queue are turned away by the kernel.
    func close() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(wakeUp.write, &byte, 1)
        for done in loopDone { done.signal() }
        watchers.wait()
        sockets.withLock { sockets in
            sockets?.forEach { _ = Glibc.close($0) }
            sockets = nil
        }
        if wakeUp.read >= 0 { _ = Glibc.close(wakeUp.read) }
        if wakeUp.write >= 0 { _ = Glibc.close(wakeUp.write) }
    }

    // MARK: - One loop's watcher

    private func watch(_ socket: Int32, for index: Int) {
        while !stopping.load(ordering: .relaxed) {
            // A jammed door (out of descriptors) stays shut for every loop until the pause is over.
            if let pause = doorJam.pauseLeft {
                waitForWakeUp(milliseconds: Int32(max(pause.milliseconds.rounded(.up), 1)))
                continue
            }
            var entries = [
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0),
            ]
            // Without a wake-up pipe (no descriptor was left for it), look at `stopping` ten times a second.
            guard poll(&entries, 2, wakeUp.read >= 0 ? -1 : 100) > 0 else { continue }  // EINTR: look again
            guard !stopping.load(ordering: .relaxed) else { break }
            guard entries[0].revents & Int16(POLLIN) != 0 else {
                // An error on the socket without a newcomer: look again after a pause rather than spin.
                if entries[0].revents != 0 { waitForWakeUp(milliseconds: 100) }
                continue
            }
            loops[index].execute { [self] in
                takeIn(for: index)
                loopDone[index].signal()
            }
            loopDone[index].wait()
        }
    }

    private func waitForWakeUp(milliseconds: Int32) {
        var entry = pollfd(fd: wakeUp.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, min(milliseconds, wakeUp.read >= 0 ? milliseconds : 100))
    }

    /// On loop `index`: takes in everyone at its door (up to a backlog's worth) and welcomes them.
    private func takeIn(for index: Int) {
        let taken: [Int32] = sockets.withLock { sockets in
            guard let sockets else { return [] }
            let socket = sockets.count == 1 ? sockets[0] : sockets[index]
            var taken: [Int32] = []
            for _ in 0..<backlog {
                // Non-blocking is set by NIO when the socket becomes a channel; close-on-exec here, as accept4 would.
                let customer = accept(socket, nil, nil)
                if customer >= 0 {
                    _ = fcntl(customer, F_SETFD, FD_CLOEXEC)
                    taken.append(customer)
                    continue
                }
                let code = errno
                if code == EINTR || code == ECONNABORTED { continue }
                // EAGAIN: another loop was quicker, or nobody is left. EMFILE and the like: the door is jammed
                // and stays shut for a pause (`DoorJam`); any other error concerns one connection only.
                if code == EAGAIN || code == EWOULDBLOCK || doorJam.acceptFailed(errno: code) != nil { break }
            }
            return taken
        }
        for customer in taken { welcome(customer, index) }
    }
}
