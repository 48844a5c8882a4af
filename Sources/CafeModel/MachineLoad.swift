/// How busy this machine's cores are and who keeps them busy: both cafés and the show itself (which runs the
/// customers). When they add up to nearly every core, the machine — not a café — is the limit.
public struct MachineLoad: Equatable, Sendable {
    /// Cores of this machine.
    public var cores: Int
    /// Cores each process used over the last second or so (CPU seconds per second).
    public var syncCafe: Double
    public var asyncCafe: Double
    /// The show: the screen, the polling and the load generator (the customers).
    public var show: Double

    public init(cores: Int, syncCafe: Double, asyncCafe: Double, show: Double) {
        self.cores = max(cores, 1)
        self.syncCafe = syncCafe
        self.asyncCafe = asyncCafe
        self.show = show
    }

    public var used: Double { syncCafe + asyncCafe + show }

    /// Nine tenths of every core in use: nothing on this machine can go faster.
    public var isSaturated: Bool { used >= 0.9 * Double(cores) }
}
