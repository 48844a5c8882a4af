import CafeModel

/// The one stderr line of `barista load` when the generator could not send some customers: how many, why, and what
/// to do. The summary's "not sent N" says how many; only this line says why.
public enum NotSentNote {
    /// `openFileLimit`: set when the in-flight limit was lowered to fit the open-file limit (`ulimit -n`), which is
    /// then the thing to raise. Nil when every customer was sent.
    public static func line(_ snapshot: LoadSnapshot, openFileLimit: Int? = nil) -> String? {
        let targets = snapshot.targets.filter { $0.notSent > 0 }
        guard !targets.isEmpty else { return nil }
        var reasons: [NotSentReason: Int] = [:]
        for target in snapshot.targets { reasons.merge(target.notSentReasons, uniquingKeysWith: +) }
        let ordered = NotSentReason.allCases.filter { (reasons[$0] ?? 0) > 0 }.sorted { reasons[$0]! > reasons[$1]! }
        var text: String
        if Set(snapshot.targets.map(\.notSent)).count == 1 {
            text = "\(targets[0].notSent) customers were not sent" + (snapshot.targets.count > 1 ? " to each café" : "")
        } else {
            text =
                "customers were not sent ("
                + snapshot.targets.map { "\($0.notSent) to \($0.label)" }
                .joined(separator: ", ") + ")"
        }
        text += ": " + why(ordered.first ?? .other, limit: snapshot.maxInFlight, openFileLimit: openFileLimit)
        let others = ordered.dropFirst().map { "\(reasons[$0]!) \($0.words)" }
        if !others.isEmpty { text += " (also " + others.joined(separator: ", ") + ")" }
        return text
    }

    /// The reason in the words of the command line: its flags and the shell's `ulimit -n`.
    public static func why(_ reason: NotSentReason, limit: Int, openFileLimit: Int?) -> String {
        switch reason {
        case .inFlightLimit:
            if let openFileLimit {
                return "the generator's limit of \(limit) in flight per café was reached, set by the open-file limit "
                    + "\(openFileLimit) — raise ulimit -n, or lower --rate"
            }
            return
                "the generator's limit of \(limit) in flight per café was reached — lower --rate, or raise --max-in-flight"
        case .behind:
            return "the generator fell behind its timetable by more than --patience — lower --rate"
        case .outOfDescriptors:
            return "the generator ran out of file descriptors (EMFILE) — raise ulimit -n, or lower --rate"
        case .outOfPorts:
            return "the generator ran out of local ports (EADDRNOTAVAIL) — lower --rate or use --keep-alive"
        case .stopped:
            return "the generator was stopped (Ctrl-Z, SIGSTOP) when they were due; they were not sent as one burst "
                + "when it went on"
        case .other:
            return "the generator could not open a socket (ENOBUFS) — lower --rate"
        }
    }
}
