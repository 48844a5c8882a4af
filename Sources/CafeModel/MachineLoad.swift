/// How busy this machine's cores are and who keeps them busy: both cafés and the show itself (which runs the
/// customers). When they add up to nearly every core, the machine — not a café — is the limit.
public struct MachineLoad: Equatable, Sendable {
    /// Cores of this machine.
    public var cores: Int
    /// Cores each café used over the last second or so (CPU seconds per second); nil when this machine cannot see
    /// it (a server barista did not start, or before its first reading).
    public var syncCafe: Double?
    public var asyncCafe: Double?
    /// The show: the screen, the polling and the load generator (the customers).
    public var show: Double

    public init(cores: Int, syncCafe: Double?, asyncCafe: Double?, show: Double) {
        self.cores = max(cores, 1)
        self.syncCafe = syncCafe
        self.asyncCafe = asyncCafe
        self.show = show
    }

    /// The cores known to be in use (a café not seen adds nothing).
    public var used: Double { (syncCafe ?? 0) + (asyncCafe ?? 0) + show }

    /// Both cafés' cores are measured here.
    public var seesBothCafes: Bool { syncCafe != nil && asyncCafe != nil }

    /// Nine tenths of every core in use: nothing on this machine can go faster.
    public var isSaturated: Bool { used >= 0.9 * Double(cores) }
}
