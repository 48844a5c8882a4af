/// The last customers to leave, with what happened to each in every café they went to: the screen's
/// "customer #1207: sync 1.42 s, async 0.10 s".
///
/// On the load generator: customers in flight wait here until every café has answered them (bounded by
/// the in-flight limit), then move to a ring of fixed size.
struct RecentCustomers {
    static let capacity = 64

    private struct Pending {
        var customer: FinishedCustomer
        var remaining: Int
    }

    private let targets: Int
    private var pending: [Int: Pending] = [:]
    private(set) var finished: [FinishedCustomer] = []

    init(targets: Int) { self.targets = targets }

    mutating func open(_ id: Int, targets going: [Int]) {
        let none = Array(repeating: nil as Double?, count: targets)
        pending[id] = Pending(
            customer: FinishedCustomer(id: id, outcomes: Array(repeating: nil, count: targets), latencyMs: none),
            remaining: going.count)
    }

    /// `waitedMs`: from the planned arrival to this end, nil when never sent; `latencyMs` only for an answer.
    mutating func finish(
        _ id: Int, target: Int, outcome: VisitOutcome, latencyMs: Double? = nil,
        waitedMs: Double? = nil, status: Int? = nil, failure: VisitFailure? = nil
    ) {
        guard var entry = pending[id] else { return }
        entry.customer.outcomes[target] = outcome
        entry.customer.latencyMs[target] = latencyMs
        entry.customer.waitedMs[target] = waitedMs
        entry.customer.status[target] = status
        entry.customer.failures[target] = failure
        entry.remaining -= 1
        if entry.remaining > 0 {
            pending[id] = entry
            return
        }
        pending[id] = nil
        if finished.count == Self.capacity { finished.removeFirst() }
        finished.append(entry.customer)
    }

    mutating func clear() { finished.removeAll() }
}
