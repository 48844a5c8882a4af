import CafeModel
import Dispatch
import Synchronization

/// What the arbiter is asked to do, waiting for its loop — gunicorn's `SIG_QUEUE`.
///
/// The signal thread only puts SIGTTIN/SIGTTOU here, and `/control` only rings `wakeUp()` after setting the
/// target (as gunicorn's control handlers set `num_workers` and call `wakeup()`): the arbiter's loop is the one
/// place that acts on them, so no two threads ever hire or retire baristas at once.
final class ArbiterInbox: Sendable {
    /// The signals the arbiter reacts to, as gunicorn's `handle_ttin` and `handle_ttou` do.
    enum Signal: Sendable, Equatable {
        /// SIGTTIN: one barista more.
        case ttin
        /// SIGTTOU: one barista fewer (never below one).
        case ttou
    }

    private let queue = Mutex<[Signal]>([])
    /// Rung once per signal or wake-up; the arbiter waits on it between rounds.
    private let bell = DispatchSemaphore(value: 0)

    /// Queues `signal` and wakes the arbiter. Safe from any thread; does nothing else.
    func put(_ signal: Signal) {
        queue.withLock { $0.append(signal) }
        bell.signal()
    }

    /// Wakes the arbiter now rather than at its next tick (gunicorn's `wakeup`).
    func wakeUp() {
        bell.signal()
    }

    /// gunicorn's `wait_for_signals`: waits up to `timeout` for a signal or a wake-up, then takes every signal
    /// queued so far, oldest first (empty after a plain wake-up or a quiet tick).
    func waitForSignals(timeout: Duration) -> [Signal] {
        _ = bell.wait(timeout: .now() + .milliseconds(Int(timeout.milliseconds.rounded(.up))))
        return queue.withLock { queued in
            defer { queued.removeAll() }
            return queued
        }
    }
}
