import CafeModel

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
    /// blocking database call or Python's `time.sleep`. It sleeps in `nanosleep` (the kernel shows the thread in
    /// `hrtimer_nanosleep`, as it shows a gunicorn worker in `time.sleep`). With `shouldStop` it wakes every
    /// `stopCheck` to ask, so a worker killed for its timeout (or a cup at closing time's end) stops within that
    /// slice; without, it sleeps once. False when the brew stopped early.
    @discardableResult
    public static func block(milliseconds: Int, shouldStop: (() -> Bool)? = nil) -> Bool {
        guard let shouldStop else {
            sleepFor(.milliseconds(milliseconds))
            return true
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(milliseconds))
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return true }
            if shouldStop() { return false }
            sleepFor(min(remaining, stopCheck))
        }
    }

    /// How often a blocked brew wakes to ask whether to stop: rare enough to cost nothing (20 wake-ups a second
    /// of a few microseconds), often enough that a killed worker is gone at once to the eye.
    public static let stopCheck: Duration = .milliseconds(50)

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
        self.init(tv_sec: Int(duration.nanoseconds / 1_000_000_000), tv_nsec: Int(duration.nanoseconds % 1_000_000_000))
    }
}
