/// The last samples of one number, oldest first, for a sparkline: the door queue over the last minute, the cups
/// per second. Fixed memory however long the show runs.
public struct History: Equatable, Sendable {
    public private(set) var samples: [Double]
    public let capacity: Int

    public init(capacity: Int = 120, samples: [Double] = []) {
        self.capacity = max(capacity, 1)
        self.samples = Array(samples.suffix(self.capacity))
    }

    /// Adds the newest sample, forgetting the oldest when full.
    public mutating func record(_ sample: Double) {
        if samples.count == capacity { samples.removeFirst() }
        samples.append(sample)
    }

    public var latest: Double? { samples.last }
    public var maximum: Double { samples.max() ?? 0 }
}
