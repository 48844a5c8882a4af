/// The last customers to leave, with what happened to each in every café they went to: the screen's
/// "customer #1207: sync 1.42 s, async 0.10 s".
///
/// On the load generator: customers in flight wait here until every café has answered them (bounded by
/// the in-flight limit), then move to a ring of fixed size.
struct RecentCustomers {
    static let capacity = 64

    private struct Pending {
        var outcomes: [VisitOutcome?]
        var latencyMs: [Double?]
        var remaining: Int
    }

    private let targets: Int
    private var pending: [Int: Pending] = [:]
    private(set) var finished: [FinishedCustomer] = []

    init(targets: Int) { self.targets = targets }

    mutating func open(_ id: Int, targets going: [Int]) {
        pending[id] = Pending(outcomes: Array(repeating: nil, count: targets),
                              latencyMs: Array(repeating: nil, count: targets), remaining: going.count)
    }

    mutating func finish(_ id: Int, target: Int, outcome: VisitOutcome, latencyMs: Double?) {
        guard var entry = pending[id] else { return }
        entry.outcomes[target] = outcome
        entry.latencyMs[target] = latencyMs
        entry.remaining -= 1
        if entry.remaining > 0 {
            pending[id] = entry
            return
        }
        pending[id] = nil
        if finished.count == Self.capacity { finished.removeFirst() }
        finished.append(FinishedCustomer(id: id, outcomes: entry.outcomes, latencyMs: entry.latencyMs))
    }

    mutating func clear() { finished.removeAll() }
}
