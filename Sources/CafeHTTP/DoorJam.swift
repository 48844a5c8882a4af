import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A jammed door: the café cannot let customers in because `accept()` fails for want of resources — out
/// of file descriptors (EMFILE, ENFILE) or of socket memory (ENOBUFS, ENOMEM).
///
/// The listening socket stays readable while the queue is full, so a café that simply retries spins a core
/// and starves the customers it already has. Mature servers (nginx, Netty, SwiftNIO's
/// `AcceptBackoffHandler`) stop accepting for a short back-off instead; this type says for how long, counts
/// the failures for `/stats`, and logs at most one line every few seconds.
public final class DoorJam: Sendable {
    /// How long the door stays shut after a failed accept; short, so service resumes soon after clients leave.
    public static let backoff: Duration = .milliseconds(200)
    /// At most one log line per this interval, however many accepts fail.
    public static let logInterval: Duration = .seconds(5)

    private struct State {
        var errors = 0
        var pausedUntil: ContinuousClock.Instant?
        var reason: String?
        var lastLogged: ContinuousClock.Instant?
        var unlogged = 0
    }

    private let state = Mutex(State())
    private let log: @Sendable (String) -> Void
    /// The admin port's spare descriptors (give it to the café's `AdminServer`): while one is missing, the door
    /// stays shut.
    public let reserve = DescriptorReserve()

    /// `log` writes one line to the café's log.
    public init(log: @escaping @Sendable (String) -> Void) { self.log = log }

    /// An `accept()` failed with `code`: returns how long to stop accepting when the door is jammed, or nil
    /// when the failure concerns one connection only (try the next one at once).
    public func acceptFailed(errno code: Int32) -> Duration? {
        guard let reason = Self.reason(code) else { return nil }
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            state.errors += 1
            state.pausedUntil = now.advanced(by: Self.backoff)
            state.reason = reason
            if let last = state.lastLogged, last.duration(to: now) < Self.logInterval {
                state.unlogged += 1
                return nil
            }
            let also = state.unlogged > 0 ? " (\(state.unlogged) more failed accepts since the last line)" : ""
            state.lastLogged = now
            state.unlogged = 0
            return "door jammed: \(reason); not accepting for \(Self.backoff), serving the customers inside\(also)"
        }
        if let line { log(line) }
        return Self.backoff
    }

    /// How long the door stays shut, for every barista: after the last jam, so that one that has not failed yet
    /// does not take the descriptor the admin port's spare just freed; and while the admin port's pocket is short
    /// and no descriptor is free to fill it, so that one set free goes back into the pocket, not to a customer
    /// (else a few such thefts leave `/stats` dark until customers leave). Nil when the door is open.
    public var pauseLeft: Duration? {
        let now = ContinuousClock.now
        let jammed: Duration? = state.withLock { state in
            guard let until = state.pausedUntil, until > now else { return nil }
            return now.duration(to: until)
        }
        return jammed ?? (reserve.refill() ? nil : Self.backoff)
    }

    /// Failed accepts since the café opened.
    public var acceptErrors: Int { state.withLock { $0.errors } }

    /// Why the door is shut right now, or nil when the café is accepting.
    public var pausedReason: String? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let until = state.pausedUntil, now < until else { return nil }
            return state.reason
        }
    }

    static func reason(_ code: Int32) -> String? {
        switch code {
        case EMFILE: "out of file descriptors (EMFILE)"
        case ENFILE: "the system is out of file descriptors (ENFILE)"
        case ENOBUFS, ENOMEM: "out of memory for sockets (\(code == ENOBUFS ? "ENOBUFS" : "ENOMEM"))"
        default: nil
        }
    }
}
