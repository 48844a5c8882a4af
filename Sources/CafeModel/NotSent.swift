/// Why the customers' generator could not send a customer at all: its own shortage, never the café's.
///
/// On the load generator: the in-flight limit, a timetable it fell behind, or a socket it could not open
/// (EMFILE/ENFILE, EADDRNOTAVAIL, anything else).
public enum NotSentReason: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable {
    /// As many customers in flight as the generator allows itself (`maxInFlight`, 10,000 in the show).
    case inFlightLimit = "in_flight_limit"
    /// The generator got to the customer after its patience had already run out (its loop was too busy).
    case behind
    /// The generator's process has no file descriptor left for a socket (EMFILE, ENFILE).
    case outOfDescriptors = "out_of_descriptors"
    /// No local port left to connect from (EADDRNOTAVAIL).
    case outOfPorts = "out_of_ports"
    /// The generator's process was stopped (Ctrl-Z, SIGSTOP) when the customer was due: counted, not sent late in
    /// a burst when it went on.
    case stopped
    case other

    /// A few words for a pane or a summary line: "in-flight limit reached".
    public var words: String {
        switch self {
        case .inFlightLimit: "in-flight limit reached"
        case .behind: "generator fell behind"
        case .outOfDescriptors: "out of file descriptors (EMFILE)"
        case .outOfPorts: "out of local ports (EADDRNOTAVAIL)"
        case .stopped: "generator was stopped (Ctrl-Z)"
        case .other: "could not open a socket"
        }
    }

    /// Why, and what to do about it, as a sentence's end: "its limit of 10,000 in flight per café is reached — lower the
    /// rate (-)". `inFlightLimit` is the generator's own limit.
    public func explanation(inFlightLimit: Int) -> String {
        switch self {
        case .inFlightLimit:
            "its limit of \(inFlightLimit.grouped) in flight per café is reached — lower the rate (-)"
        case .behind:
            "it fell behind its timetable by more than the customers' patience — lower the rate (-)"
        case .outOfDescriptors:
            "it is out of file descriptors (EMFILE) — raise the open-file limit (ulimit -n) before starting barista, "
                + "or lower the rate (-)"
        case .outOfPorts:
            "it is out of local ports (EADDRNOTAVAIL) — lower the rate (-), or widen "
                + "net.ipv4.ip_local_port_range"
        case .stopped:
            "barista was stopped (Ctrl-Z) when they were due — not sent as one burst when it went on"
        case .other:
            "it could not open a socket — lower the rate (-)"
        }
    }
}

/// Customers the generator could not send to one café, and why: drawn in the pane, so a café that gets fewer
/// customers than offered says so.
public struct NotSent: Equatable, Sendable {
    /// Since the start (or the last reset).
    public var count: Int
    /// In the last few whole seconds: it is happening now.
    public var lately: Int
    /// The most frequent reason.
    public var reason: NotSentReason
    /// The generator's in-flight limit, for the sentence that names it.
    public var inFlightLimit: Int

    public init(count: Int, lately: Int = 0, reason: NotSentReason, inFlightLimit: Int = 10_000) {
        self.count = count
        self.lately = lately
        self.reason = reason
        self.inFlightLimit = inFlightLimit
    }
}
