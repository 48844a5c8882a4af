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
    /// Outside servers in the panes (`--sync-url`, `--async-url`): a side with a URL runs no café of barista's.
    public var syncURL: String?
    public var asyncURL: String?
    /// The path asked of an outside URL that has none of its own: `/sleep?ms={ms}` (`{ms}`, `{kind}`, `{mode}`).
    public var pathTemplate: String?
    /// Loopback admin ports answering barista's `/stats` for an outside side (a barista café started by hand).
    public var syncStatsPort: Int?
    public var asyncStatsPort: Int?
    /// The seed's own stack instead of barista's cafés (`--peers python`).
    public var peers: PeerStack?
    /// The nginx binary to put in front of the sync side when the scene asks for it (`--proxy nginx`, `--nginx PATH`,
    /// or a lesson's `sync: proxy=nginx`); nil when none was found.
    public var nginx: String? = NginxFront.find()

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

    func url(of cafe: CafeKind) -> String? { cafe == .sync ? syncURL : asyncURL }
    func statsPort(of cafe: CafeKind) -> Int? { cafe == .sync ? syncStatsPort : asyncStatsPort }
}
