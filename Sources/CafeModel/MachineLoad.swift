/// How busy this machine's cores are and who keeps them busy: both cafés, the show itself (which runs the
/// customers) and everything else on the machine. When they add up to nearly every core, the machine — not a
/// café — is the limit; when the customers take most of it, they are.
///
/// All shares are measured over the same interval from the kernel's counters, and never add up to more than the
/// machine: at most N of N.
public struct MachineLoad: Equatable, Sendable {
    /// Cores of this machine.
    public var cores: Int
    /// Cores each café used over the last second or so (CPU seconds per second); nil when this machine cannot see
    /// it (a server barista did not start, or before its first reading).
    public var syncCafe: Double?
    public var asyncCafe: Double?
    /// The show: the screen, the polling and the load generator (the customers).
    public var show: Double
    /// Every other process on the machine (`/proc/stat`'s busy time less the cafés and the show); nil where the
    /// machine's own counters cannot be read.
    public var other: Double?

    public init(cores: Int, syncCafe: Double?, asyncCafe: Double?, show: Double, other: Double? = nil) {
        self.cores = max(cores, 1)
        self.syncCafe = syncCafe
        self.asyncCafe = asyncCafe
        self.show = show
        self.other = other
    }

    /// The cores known to be in use (a café not seen adds nothing), never more than the machine has.
    public var used: Double { min((syncCafe ?? 0) + (asyncCafe ?? 0) + show + (other ?? 0), Double(cores)) }

    /// The cores both cafés use together.
    public var cafes: Double { (syncCafe ?? 0) + (asyncCafe ?? 0) }

    /// Both cafés' cores are measured here.
    public var seesBothCafes: Bool { syncCafe != nil && asyncCafe != nil }

    /// Nine tenths of every core in use: nothing on this machine can go faster.
    public var isSaturated: Bool { used >= 0.9 * Double(cores) }

    /// Who leaves the cafés short when the machine is full, nil while it is not: the customers (the show's load
    /// generator), other programs, or the cafés themselves.
    public var limit: Limit? {
        guard isSaturated else { return nil }
        if show >= cafes && show >= (other ?? 0) { return .customers }
        if let other, other >= cafes && other > show { return .otherPrograms }
        return .cafes
    }

    /// The offered rate up to which the show on `cores` cores stays truthful: past it the customers need the cores.
    /// Measured on 2 cores (`ShowCapacity`); the generator's budget grows with the machine.
    public static func truthfulRate(cores: Int) -> Double {
        ShowCapacity.truthfulRatePerSecond * Double(max(cores, 1)) / Double(ShowCapacity.measuredOnCores)
    }

    /// Who takes most of a full machine.
    public enum Limit: Equatable, Sendable {
        /// The customers (the show and its load generator) need most of the cores: the cafés get what is left.
        case customers
        /// Programs other than barista keep the cores busy.
        case otherPrograms
        /// The cafés' own work fills the machine.
        case cafes
    }
}
