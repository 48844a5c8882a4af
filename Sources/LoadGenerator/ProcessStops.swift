import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// When this process last went on after being stopped (Ctrl-Z, SIGSTOP): the monotonic time of its SIGCONT.
///
/// On the load generator: while the process is stopped no customer can be sent, and when it goes on every customer
/// planned meanwhile is due at once. Those are counted as not sent (`NotSentReason.stopped`), never sent as a burst
/// nobody planned; the arrivals ask `continued(after:)` to tell them from customers the generator was merely late for.
public enum ProcessStops {
    /// Nanoseconds of `CLOCK_MONOTONIC` (NIO's and Dispatch's uptime clock on Linux) at the last SIGCONT; 0 if none.
    static let continuedAt = Atomic<UInt64>(0)

    /// Installs the SIGCONT handler, once per process (it only stores the time: async-signal-safe), and unblocks
    /// SIGCONT on the calling thread: call it before other threads start, so they inherit that (a parent, such as a
    /// test runner, may have blocked it).
    public static func watch() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGCONT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        _ = installed
    }

    private static let installed: Void = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = noteContinued
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGCONT, &action, nil)
    }()

    /// The moment the process went on, when that was after `instant`: the customers planned before it were planned
    /// while it was stopped. Nil when it has not been stopped since.
    static func continued(after instant: NIODeadline) -> NIODeadline? {
        let nanoseconds = continuedAt.load(ordering: .relaxed)
        guard nanoseconds > instant.uptimeNanoseconds else { return nil }
        return .uptimeNanoseconds(nanoseconds)
    }
}

private func noteContinued(_ signal: Int32) {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    ProcessStops.continuedAt.store(UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec), ordering: .relaxed)
}
