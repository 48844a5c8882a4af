import CafeModel
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a customer got no cup, other than walking out: the door was shut, the café hung up, or it answered
/// gibberish.
///
/// On the load generator: the connection-level error of one exchange (ECONNREFUSED, ECONNRESET, EOF before
/// the response was complete, an unparseable response, a connect timeout).
public enum VisitFailure: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable {
    /// Nobody listens at the door (ECONNREFUSED).
    case refused
    /// The café reset the connection (ECONNRESET, EPIPE).
    case reset
    /// The café closed the connection before the response was complete.
    case closedEarly = "closed_early"
    /// What came back was not an HTTP/1.1 response.
    case badResponse = "bad_response"
    /// The connection was not accepted in time: the café's backlog was full, so the kernel dropped the SYN and
    /// the customer retried from outside (after 1 s, 3 s, ...) until the generator's connect timeout.
    case connectTimeout = "connect_timeout"
    case other

    init(_ error: any Error) {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: self = .refused
            case ECONNRESET, EPIPE: self = .reset
            // The kernel gave up retrying the SYN.
            case ETIMEDOUT: self = .connectTimeout
            default: self = .other
            }
        } else if let error = error as? ChannelError {
            switch error {
            case .eof: self = .closedEarly
            case .connectTimeout: self = .connectTimeout
            default: self = .other
            }
        } else {
            self = .other
        }
    }

    /// A few words for the screen and the summary: "errors: refused (nobody at the door) 2".
    public var words: String {
        switch self {
        case .refused: "refused (nobody at the door)"
        case .reset: "reset by the café"
        case .closedEarly: "hung up early"
        case .badResponse: "bad answer"
        case .connectTimeout: "timed out connecting"
        case .other: "other"
        }
    }

}

extension NotSentReason {
    /// The generator's own shortage behind a failed connect (no file descriptors, no local ports, no socket
    /// buffers), or nil when the failure is the café's (refused, reset, timed out): a `VisitFailure`.
    init?(shortage error: any Error) {
        guard let error = error as? IOError, let reason = Self(shortageErrno: error.errnoCode) else { return nil }
        self = reason
    }

    /// The errno of a failed socket or connect call as the generator's shortage; nil for any other errno.
    public init?(shortageErrno code: Int32) {
        switch code {
        case EMFILE, ENFILE: self = .outOfDescriptors
        case EADDRNOTAVAIL: self = .outOfPorts
        case ENOBUFS: self = .other
        default: return nil
        }
    }
}
