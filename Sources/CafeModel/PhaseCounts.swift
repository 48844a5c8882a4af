/// How many customers are at each step of their order right now — in server words, how many requests in
/// progress are in each `RequestPhase` — counted in full by the café, unlike the capped `inProgress` list.
///
/// A screen reads the door's "still ordering" count from `parsing` here: with a big async crowd the
/// newest requests (the ones still being read) are the first cut from `inProgress`.
/// On the wire each phase is a snake_case key (`blocking_loop`, `waiting_for_helper`); a key missing (from
/// an older café, or a phase added later) decodes as 0.
public struct PhaseCounts: Codable, Equatable, Sendable {
    public var parsing = 0
    public var blocked = 0
    public var running = 0
    public var awaiting = 0
    public var blockingLoop = 0
    public var waitingForHelper = 0
    public var writing = 0

    public init() {}

    /// The count for one phase.
    public subscript(phase: RequestPhase) -> Int {
        get {
            switch phase {
            case .parsing: parsing
            case .blocked: blocked
            case .running: running
            case .awaiting: awaiting
            case .blockingLoop: blockingLoop
            case .waitingForHelper: waitingForHelper
            case .writing: writing
            }
        }
        set {
            switch phase {
            case .parsing: parsing = newValue
            case .blocked: blocked = newValue
            case .running: running = newValue
            case .awaiting: awaiting = newValue
            case .blockingLoop: blockingLoop = newValue
            case .waitingForHelper: waitingForHelper = newValue
            case .writing: writing = newValue
            }
        }
    }

    /// Every request in progress, whatever its phase.
    public var total: Int { RequestPhase.allCases.reduce(0) { $0 + self[$1] } }

    /// Adds another loop's (or worker's) counts to these.
    public mutating func add(_ other: PhaseCounts) {
        for phase in RequestPhase.allCases { self[phase] += other[phase] }
    }

    private enum CodingKeys: String, CodingKey {
        case parsing, blocked, running, awaiting, blockingLoop, waitingForHelper, writing
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parsing = try container.decodeIfPresent(Int.self, forKey: .parsing) ?? 0
        blocked = try container.decodeIfPresent(Int.self, forKey: .blocked) ?? 0
        running = try container.decodeIfPresent(Int.self, forKey: .running) ?? 0
        awaiting = try container.decodeIfPresent(Int.self, forKey: .awaiting) ?? 0
        blockingLoop = try container.decodeIfPresent(Int.self, forKey: .blockingLoop) ?? 0
        waitingForHelper = try container.decodeIfPresent(Int.self, forKey: .waitingForHelper) ?? 0
        writing = try container.decodeIfPresent(Int.self, forKey: .writing) ?? 0
    }
}
