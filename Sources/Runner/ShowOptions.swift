import CafeModel

/// How the show starts: the opening scenario and where the cafés listen.
public struct ShowOptions: Sendable {
    public var scenario: Scenario
    /// Seed of the Poisson arrivals, so a class sees the same customers every time.
    public var seed: UInt64
    /// Preferred ports; a busy one is replaced by a free one.
    public var syncPort: Int
    public var asyncPort: Int
    /// The barista binary that runs the cafés (`barista serve …`).
    public var executable: String

    public init(
        scenario: Scenario = Scenario(), seed: UInt64 = 7, syncPort: Int = 8001, asyncPort: Int = 8002,
        executable: String = Supervisor.currentExecutable
    ) {
        self.scenario = scenario
        self.seed = seed
        self.syncPort = syncPort
        self.asyncPort = asyncPort
        self.executable = executable
    }
}
