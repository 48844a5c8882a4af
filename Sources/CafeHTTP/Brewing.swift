#if canImport(Glibc)
import Glibc
#endif

/// The machine itself: how a cup takes its time on a thread. Shared by both cafés.
public enum Brewing {
    /// `kind=cpu`: spins this thread until it has used `milliseconds` of CPU time — a fixed amount of real
    /// work, which takes longer on a busy machine, as real CPU work does. `shouldStop` is asked between
    /// slices of work, so an abandoned brew can end early.
    public static func spin(milliseconds: Int, shouldStop: () -> Bool = { false }) {
        let budget = Double(milliseconds) / 1000
        let start = threadCPUSeconds()
        var sink: UInt64 = 0x9E37_79B9_7F4A_7C15
        while threadCPUSeconds() - start < budget {
            for _ in 0..<20_000 { sink = sink &* 6_364_136_223_846_793_005 &+ 1 }
            if shouldStop() { break }
        }
        blackHole(sink)
    }

    /// CPU time used by the calling thread.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `kind=io` on a thread: the thread sleeps for the brew time, holding its place — the stand-in for a
    /// blocking database call. With `fd`, a hang-up on it wakes the thread to ask `shouldStop` — so a worker
    /// killed for its timeout (its socket shut down by the arbiter) stops at once.
    public static func block(milliseconds: Int, watching fd: Int32? = nil, shouldStop: () -> Bool = { false }) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(milliseconds))
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            guard let fd, remaining >= .milliseconds(1) else {
                sleepFor(remaining)
                return
            }
            // No events asked: only a hang-up (our own shutdown of the socket) wakes this early.
            var entry = pollfd(fd: fd, events: 0, revents: 0)
            if poll(&entry, 1, Int32(remaining.milliseconds)) > 0 {
                if shouldStop() || entry.revents & Int16(POLLNVAL) != 0 { return }
                // The client hung up; a blocked worker would not notice, so sleep out the rest.
                sleepFor(clock.now.duration(to: deadline))
                return
            }
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
