import CafeHTTP
import CafeModel
import LoadGenerator

/// The customers' side of one café pane, taken from the load generator's snapshot of that café.
enum ClientView {
    /// `inFlightLimit`: the generator's own limit (`LoadSnapshot.maxInFlight`), named when it is why customers
    /// were not sent.
    static func apply(_ target: TargetSnapshot, patience: Duration, inFlightLimit: Int, to state: inout ShowState) {
        state.served = target.served
        // Served and offered over the same whole seconds: one second of Poisson arrivals swings ±15% at 50/s.
        let window = target.rows.suffix(windowSeconds)
        state.rateWindowSeconds = window.count
        if !window.isEmpty {
            state.servedPerSecond = Double(window.reduce(0) { $0 + $1.served }) / Double(window.count)
            state.offeredPerSecond = Double(window.reduce(0) { $0 + $1.planned }) / Double(window.count)
        }
        state.servedHistory = History(capacity: 60, samples: target.servedPerSecond.map(Double.init))
        state.walkedOut = target.walkedOut
        state.walkedOutLately = window.reduce(0) { $0 + $1.walkedOut }
        state.failures = failures(target)
        state.notSent = notSent(target, inFlightLimit: inFlightLimit)
        state.connecting = target.inFlight.connecting
        state.secondsSinceLastCup = secondsSinceLastCup(target)
        let recent = target.recent
        state.waitP50Ms = recent.count > 0 ? recent.p50Ms : nil
        state.waitP99Ms = recent.count > 0 ? recent.p99Ms : nil
        state.waitHistogram = recent.count > 0 ? buckets(target.latencyBars) : []
        // Inside means through the door: customers still connecting wait outside (a full door keeps them there).
        state.inShop = target.inFlight.total - target.inFlight.connecting
        state.inShopByKind = [.cpu: target.inFlight.cpu, .io: target.inFlight.io]
        state.little = littleWindow(target, patience: patience)
    }

    /// The customers who asked nginx for the static file, as they saw it.
    static func staticFiles(_ target: TargetSnapshot) -> FrontView.StaticFiles {
        let recent = target.recent
        return FrontView.StaticFiles(
            served: target.served, servedPerSecond: Double(target.servedPerSecond.last ?? 0),
            p50Ms: recent.count > 0 ? recent.p50Ms : nil, p99Ms: recent.count > 0 ? recent.p99Ms : nil,
            failed: target.refused + target.errorCount + target.walkedOut)
    }

    /// Seconds of the window Little's law, the recent waits and the served and offered rates cover.
    static let windowSeconds = 5

    /// 4xx answers the café counted that no customer received: the customer had walked out or hung up before the
    /// answer came (a café that waited 10 s for an order that never came answers 408 to nobody).
    static func unseen4xx(_ counters: ServerStats.Counters, target: TargetSnapshot) -> Int {
        let received = target.statusCounts.reduce(0) { $0 + ((400..<500).contains($1.key) ? $1.value : 0) }
        return max(counters.status4xx - received, 0)
    }

    /// L, λ and W over the same last few whole seconds: arrivals and departures from the generator's rows, W as the
    /// mean stay of everyone who left (a walk-out stayed its whole patience, a refusal no time at all). L is
    /// filled in by `CafeMemory`, which averages it over the same window.
    static func littleWindow(_ target: TargetSnapshot, patience: Duration) -> LittleWindow {
        let rows = target.rows.suffix(windowSeconds)
        let seconds = Double(rows.count)
        let arrivals = rows.reduce(0) { $0 + $1.sent }
        let served = rows.reduce(0) { $0 + $1.served }
        let walked = rows.reduce(0) { $0 + $1.walkedOut }
        let failed = rows.reduce(0) { $0 + $1.refused + $1.errors }
        let departures = served + walked + failed
        var stay: Double?
        if departures > 0, served == 0 || target.recent.count > 0 {
            let servedStay = Double(served) * target.recent.meanMs / 1000
            stay = (servedStay + Double(walked) * patience.milliseconds / 1000) / Double(departures)
        }
        return LittleWindow(
            seconds: seconds, inShopNow: target.inFlight.total - target.inFlight.connecting,
            inShopMean: Double(target.inFlight.total - target.inFlight.connecting),
            arrivalsPerSecond: seconds > 0 ? Double(arrivals) / seconds : 0,
            departuresPerSecond: seconds > 0 ? Double(departures) / seconds : 0, timeInShopSeconds: stay)
    }

    /// Customers the generator could not send to this café, with the main reason and how many in the last few
    /// seconds (the same window as Little's law); nil while every customer went out.
    static func notSent(_ target: TargetSnapshot, inFlightLimit: Int) -> NotSent? {
        guard target.notSent > 0 else { return nil }
        let lately = target.rows.suffix(windowSeconds).reduce(0) { $0 + $1.notSent }
        // A count with no reason recorded (cannot happen today) still shows, as "other".
        return NotSent(
            count: target.notSent, lately: lately, reason: target.mainNotSentReason ?? .other,
            inFlightLimit: inFlightLimit)
    }

    /// Whole seconds since a cup was last handed over (0 when one came this second); nil before the first.
    static func secondsSinceLastCup(_ target: TargetSnapshot) -> Double? {
        guard target.served > 0 else { return nil }
        return Double(target.rows.reversed().prefix { $0.served == 0 }.count)
    }

    /// Every way a customer got no cup, by kind, most frequent first: refusals by status, failures by cause.
    static func failures(_ target: TargetSnapshot) -> [ShowState.Failure] {
        var failures = target.statusCounts.filter { $0.key >= 400 && $0.value > 0 }
            .map { answered(status: $0.key, count: $0.value) }
        failures += target.errors.filter { $0.value > 0 }.map {
            ShowState.Failure($0.key.words, $0.value, short: short($0.key))
        }
        return failures.sorted { ($0.count, $1.words) > ($1.count, $0.words) }
    }

    /// An answer that is not a cup, with its code and the reason the café gave: "turned away (503 Service
    /// Unavailable)", "answered 408 Request Timeout"; its short name is the code.
    static func answered(status: Int, count: Int) -> ShowState.Failure {
        let status = HTTPStatus(rawValue: status)
        let words = status.rawValue == 503 ? "turned away (\(status))" : "answered \(status)"
        return ShowState.Failure(words, count, short: String(status.rawValue))
    }

    /// A failure's kind in a word, for a narrow pane.
    static func short(_ failure: VisitFailure) -> String {
        switch failure {
        case .refused: "refused"
        case .reset: "reset"
        case .closedEarly: "hung up"
        case .badResponse: "bad answer"
        case .connectTimeout: "conn. timeout"
        case .other: "other"
        }
    }

    /// Re-buckets the generator's latency bars into the screen's fixed wait buckets.
    static func buckets(_ bars: [LatencyBar]) -> [Int] {
        let bounds = ShowState.waitBucketBoundsMs
        var counts = Array(repeating: 0, count: bounds.count + 1)
        for bar in bars {
            let index = bounds.firstIndex { bar.upToMs <= $0 } ?? bounds.count
            counts[index] += bar.count
        }
        return counts
    }

    /// The newest customer who has finished in both cafés, followed to its end in each, for the ticker line.
    static func ticker(_ snapshot: LoadSnapshot, patience: Duration) -> CustomerTrace? {
        // A customer who asked nginx for a static file visited neither café: the ticker follows the cup orders.
        guard let customer = snapshot.recentCustomers.last(where: { $0.outcomes.count >= 2 && $0.outcomes[0] != nil })
        else { return nil }
        func end(_ index: Int) -> CustomerEnd {
            func at<T>(_ values: [T?]) -> T? { index < values.count ? values[index] : nil }
            let latency = at(customer.latencyMs).map { Duration.milliseconds($0) }
            let waited = at(customer.waitedMs).map { Duration.milliseconds($0) }
            switch customer.outcomes[index] {
            case .served: return latency.map(CustomerEnd.served) ?? .inside
            case .walkedOut: return .walkedOut(after: waited ?? patience)
            case .refused: return .turnedDown(status: at(customer.status))
            case .failed: return .failed(at(customer.failures)?.words ?? "got no answer")
            case .notSent: return .failed("not sent")
            case .cutOff, nil: return .inside
            }
        }
        return CustomerTrace(customer: customer.id, sync: end(0), async: end(1))
    }
}
