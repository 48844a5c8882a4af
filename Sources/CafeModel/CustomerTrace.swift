/// One customer followed through both cafés to its real end in each: the same order at the same instant, two
/// very different stories.
public struct CustomerTrace: Equatable, Sendable {
    public var customer: Int
    public var sync: CustomerEnd
    public var async: CustomerEnd

    public init(customer: Int, sync: CustomerEnd, async: CustomerEnd) {
        self.customer = customer
        self.sync = sync
        self.async = async
    }

    /// "customer #1207: sync walked out after 2.00 s, async served in 0.10 s" — the sentence a student remembers.
    public var text: String { "customer #\(customer): sync \(sync.text), async \(async.text)" }

    /// The same in fewer words, for a narrow screen: "#1207: sync walked out 2.00 s, async served 0.10 s".
    public var shortText: String { "#\(customer): sync \(sync.shortText), async \(async.shortText)" }
}

/// How one customer's visit to one café ended, or that it has not.
public enum CustomerEnd: Equatable, Sendable {
    /// Got a cup, this long after the planned arrival.
    case served(Duration)
    /// Ran out of patience after waiting this long.
    case walkedOut(after: Duration?)
    /// The café answered with a refusal (e.g. 503 from `--limit-concurrency`).
    case turnedDown(status: Int?)
    /// No answer at all: refused connection, reset, ... (in words).
    case failed(String)
    /// Still inside.
    case inside

    public var text: String {
        switch self {
        case .served(let wait): return "served in \(Self.seconds(wait))"
        case .walkedOut(let after): return after.map { "walked out after \(Self.seconds($0))" } ?? "walked out"
        case .turnedDown(let status): return status.map { "turned away (\($0))" } ?? "turned away"
        case .failed(let words): return words
        case .inside: return "still inside"
        }
    }

    public var shortText: String {
        switch self {
        case .served(let wait): return "served \(Self.seconds(wait))"
        case .walkedOut(let after): return after.map { "walked out \(Self.seconds($0))" } ?? "walked out"
        case .turnedDown(let status): return status.map { "turned away \($0)" } ?? "turned away"
        case .failed(let words): return words
        case .inside: return "inside"
        }
    }

    /// Seconds with two decimals: "1.42 s".
    static func seconds(_ duration: Duration) -> String {
        let hundredths = Int((duration.milliseconds / 10).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
