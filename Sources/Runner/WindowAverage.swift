/// The time-average of a number sampled now and then, over the last few seconds: Little's law speaks of
/// long-run averages, so the show compares averages, not one jumpy instant.
struct WindowAverage {
    let window: Duration
    private var samples: [(at: ContinuousClock.Instant, value: Double)] = []

    init(window: Duration = .seconds(5)) { self.window = window }

    mutating func record(_ value: Double, at now: ContinuousClock.Instant = .now) {
        samples.append((now, value))
        let horizon = now.advanced(by: .zero - window)
        if let keep = samples.firstIndex(where: { $0.at >= horizon }), keep > 0 { samples.removeFirst(keep) }
    }

    var mean: Double? {
        samples.isEmpty ? nil : samples.reduce(0) { $0 + $1.value } / Double(samples.count)
    }

    /// The largest sample in the window (the worst lag of the last second).
    var maximum: Double? { samples.map(\.value).max() }

    /// How much time the samples cover: shorter than the window just after a start or a reset.
    func span(at now: ContinuousClock.Instant) -> Duration {
        guard let first = samples.first else { return .zero }
        return first.at.duration(to: now)
    }

    mutating func reset() { samples.removeAll() }
}
