import ArgumentParser
import Flags
import LoadGenerator
import Runner

/// `barista load URL [URL…]`: the customers, on the command line. Every planned customer goes to every URL
/// at the same planned instant; latency is measured from that instant (no coordinated omission).
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send the same customers to one or more cafés (any HTTP/1.1 server) and report their waits.",
        discussion: """
            Open loop (--rate, --burst, --ramp): customers arrive on a timetable whatever the café does, and \
            latency is measured from each planned arrival, so a queue cannot hide. Closed loop (--customers): \
            each customer orders again once served, as wrk does. A URL with no path gets /brew?ms=&kind= from \
            --brew and --kind; a URL with a path (even /) is asked for that path.
            Served is reported twice: while customers were arriving (what the café keeps up with) and in the \
            tail after the door closed (the queue it still had). An answer of 400 or above is "turned down"; \
            a connection nobody accepted is the error "refused".
            Exit codes: 0 every café served at least one customer; 1 a café served nobody (each such café is \
            named on stderr); 2 a usage error (a bad flag or URL).

            Examples:
              barista load http://127.0.0.1:8001 http://127.0.0.1:8002 --rate 50/s
              barista load http://127.0.0.1:8002/ --customers 50 --keep-alive
              barista load http://127.0.0.1:8001 --rate 20/s --slow 20% --slow-for 5s
            """
    )

    @Argument(help: "The cafés: http://host:port[/path]. Each one gets every customer.")
    var urls: [String]

    @Option("Customers per second, open loop (50/s, 300/m). Default 10/s when no other arrivals are given.")
    var rate: String?
    @Option("constant (evenly spaced) or poisson (random, seeded) arrivals at --rate.")
    var arrivals = "constant"
    @Option("Seed of the poisson arrivals: the same seed gives the same customers.")
    var seed: UInt64 = 1
    @Option("A crowd at once, every period: 40@2s.") var burst: String?
    @Option("A rising (or falling) rate: 10/s..200/s@30s.") var ramp: String?
    @Option("Closed loop: this many customers per café, each ordering again when served.")
    var customers: Int?
    @Option("Closed loop: time a customer waits before ordering again.") var think =
        DurationArgument(.zero)

    @Option("How long customers keep coming (default 10s unless --count).") var duration: DurationArgument?
    @Option("Stop after this many customers.") var count: Int?

    @Option("Brew time of the order (URLs without a path).") var brew = DurationArgument(
        .milliseconds(100))
    @Option("io (waiting) or cpu (spinning) brew.") var kind = "io"
    @Flag(help: "Reuse connections (HTTP keep-alive) instead of a new connection per customer.")
    var keepAlive = false
    @Option("At most this many connections per café; customers wait for one inside the generator, as with wrk -c.")
    var connections: Int?
    @Option("A customer not served this long after the planned arrival walks out.")
    var patience = DurationArgument(.seconds(10))
    @Option(
        "Customers in flight the generator allows itself to each café; beyond it customers are counted as not sent.")
    var maxInFlight = 10_000
    @Option("Slow customers: this share (0-100%) write their order a few bytes at a time over --slow-for.")
    var slow: String?
    @Option("How long a slow customer takes to send its whole order.")
    var slowFor = DurationArgument(.seconds(5))

    @Flag(help: "Print the summary as JSON on stdout.") var json = false
    @Option("Write one row per second and café to this CSV file.") var csv: String?

    func validate() throws {
        _ = try makePlan()
        _ = try makeTargets()
    }

    func makeTargets() throws -> [LoadTarget] {
        guard !urls.isEmpty else { throw ValidationError("give at least one café URL, such as http://127.0.0.1:8001") }
        return try urls.map { url in try OneLineError.asUsage { try LoadTarget(url: url) } }
    }

    func makePlan() throws -> LoadPlan {
        try OneLineError.asUsage {
            try LoadPlan.reading(
                rate: rate, arrivals: arrivals, seed: seed, burst: burst, ramp: ramp, customers: customers,
                think: think.duration, duration: duration?.duration, count: count, brew: brew.duration, kind: kind,
                keepAlive: keepAlive, connections: connections, patience: patience.duration, maxInFlight: maxInFlight,
                slow: slow, slowFor: slowFor.duration)
        }
    }

    func run() throws {
        let session = LoadSession(
            targets: try makeTargets(), plan: try makePlan(), json: json, csvPath: csv,
            warnWhenCapped: maxInFlight != 10_000)
        let status = try OneLineError.asUsage { try session.run() }
        if status != 0 { throw ExitCode(status) }
    }
}
