import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The signals a café reacts to, received synchronously on the main thread (never in a handler).
public struct ServeSignals {
    public enum Action { case stop, addWorker, removeWorker }

    private var set = sigset_t()

    public init() {
        sigemptyset(&set)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTTIN, SIGTTOU] { sigaddset(&set, signal) }
        // Threads started later inherit this mask, so these signals wait for `wait` below.
        // SETMASK, not BLOCK: whatever the parent blocked (a test runner blocks most signals) is unblocked.
        pthread_sigmask(SIG_SETMASK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Handles signals until a stop signal, then returns after `handle(.stop)`.
    public func wait(_ handle: (Action) -> Void) {
        var set = self.set
        while true {
            var received: Int32 = 0
            guard sigwait(&set, &received) == 0 else { continue }
            switch received {
            case SIGTTIN: handle(.addWorker)
            case SIGTTOU: handle(.removeWorker)
            default:
                handle(.stop)
                return
            }
        }
    }
}
