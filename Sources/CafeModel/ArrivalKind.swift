/// How customers come through the door: evenly spaced (`constant`, a metronome) or at random instants with the
/// same average (`poisson`, as real visitors do), which makes lines form even below capacity.
public enum ArrivalKind: String, Codable, Sendable, CaseIterable {
    case constant
    case poisson

    /// The other kind of arrivals: what the `a` key switches to.
    public var toggled: ArrivalKind { self == .constant ? .poisson : .constant }
}
