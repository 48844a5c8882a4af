#if canImport(Glibc)
import Glibc
#endif

/// The machine itself: how a cup takes its time on a thread. Shared by both cafés.
public enum Brewing {
    /// `kind=cpu`: spins this thread until it has used `milliseconds` of CPU time — a fixed amount of real
    /// work, which takes longer on a busy machine, as real CPU work does. `shouldStop` is asked between
    /// slices of work, so an abandoned brew can end early. False when it did.
    @discardableResult
    public static func spin(milliseconds: Int, shouldStop: () -> Bool = { false }) -> Bool {
        let budget = Double(milliseconds) / 1000
        let start = threadCPUSeconds()
        var sink: UInt64 = 0x9E37_79B9_7F4A_7C15
        var finished = true
        while threadCPUSeconds() - start < budget {
            for _ in 0..<20_000 { sink = sink &* 6_364_136_223_846_793_005 &+ 1 }
            if shouldStop() {
                finished = false
                break
            }
        }
        blackHole(sink)
        return finished
    }

    /// CPU time used by the calling thread.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `kind=io` on a thread: the thread sleeps for the brew time, holding its place — the stand-in for a
    /// blocking database call. With `fd`, a hang-up on it wakes the thread to ask `shouldStop` — so a worker
    /// killed for its timeout (its socket shut down by the arbiter) stops at once. Each of `bells` (a pipe with
    /// a byte to read: closing time began, its grace ran out) wakes it to ask too, once. False when the brew
    /// stopped early.
    @discardableResult
    public static func block(
        milliseconds: Int, watching fd: Int32? = nil, bells: [Int32] = [], shouldStop: () -> Bool = { false }
    ) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(milliseconds))
        // Nil once the client hung up: a blocked worker would not notice, so it sleeps out the rest.
        var watched = fd
        var bells = bells
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return true }
            // No events asked of the customer's socket: only a hang-up (our own shutdown of it) wakes this early.
            var entries = (watched.map { [pollfd(fd: $0, events: 0, revents: 0)] } ?? [])
                + bells.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard !entries.isEmpty, remaining >= .milliseconds(1) else {
                sleepFor(remaining)
                return true
            }
            guard poll(&entries, nfds_t(entries.count), Int32(remaining.milliseconds)) > 0 else { continue }
            if shouldStop() { return false }
            if watched != nil {
                if entries[0].revents & Int16(POLLNVAL) != 0 { return false }
                if entries[0].revents != 0 { watched = nil }
                entries.removeFirst()
            }
            // A bell that rang without stopping this brew stays rung: it is not listened to again.
            bells = zip(bells, entries).filter { $0.1.revents == 0 }.map(\.0)
        }
    }

    /// Sleeps this thread for `duration`, resuming after signals.
    public static func sleepFor(_ duration: Duration) {
        guard duration > .zero else { return }
        var request = timespec(duration), remainder = timespec()
        while nanosleep(&request, &remainder) != 0 && errno == EINTR { request = remainder }
    }

    @inline(never)
    static func blackHole(_ value: UInt64) {
        if value == 42 { print("", terminator: "") }
    }
}

extension timespec {
    /// A relative time for nanosleep.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    }
}
