import CafeModel
import Foundation
import SyncServer

/// `barista bench sync`: the sync café against its physical limit (workers ÷ brew time, Little's law) and
/// its bare `GET /` rate with a new connection per request. Prints README's figures on stdout.
public struct SyncBenchmark: Sendable {
    /// How long each scenario is measured.
    public var duration: Duration
    /// Brew time of the saturation runs.
    public var brew: Duration

    public init(duration: Duration = .seconds(5), brew: Duration = .milliseconds(50)) {
        self.duration = duration
        self.brew = brew
    }

    public func run() throws {
        print("barista bench sync — \(ProcessInfo.processInfo.activeProcessorCount) cores, loopback")
        print(BenchClients.header)
        let brewMs = Int(brew.milliseconds)
        for workers in [1, 4, 16] {
            let cafe = try open(workers: workers)
            // Twice as many customers as baristas keeps the door queue non-empty: the café is saturated.
            let result = BenchClients.closedLoop(
                port: cafe.port, path: "/brew?ms=\(brewMs)&kind=io", concurrency: workers * 2,
                warmUp: .milliseconds(500), measure: duration)
            cafe.shutdown()
            let limit = Double(workers) * 1000 / Double(brewMs)
            print(
                BenchClients.row(
                    "\(workers) workers, \(brewMs) ms io (limit workers÷brew)", measured: result.perSecond,
                    yardstick: limit, target: "≥ 0.99"))
        }
        let cafe = try open(workers: 2)
        let seconds = max(1, Int(duration.milliseconds / 1000))
        if let wrk = Wrk.find(),
            let result = try? Wrk.run(
                wrk, url: "http://127.0.0.1:\(cafe.port)/", connections: 50,
                duration: "\(seconds)s", header: "Connection: close")
        {
            print(
                BenchClients.row(
                    "GET /, 2 workers, wrk -t1 -c50, new conns", measured: result.requestsPerSecond,
                    yardstick: 10_000,
                    target: "≥ 2.0 × gunicorn -w2 (~10k)"))
        } else {
            let result = BenchClients.closedLoop(
                port: cafe.port, path: "/", concurrency: 50,
                warmUp: .milliseconds(500), measure: duration)
            print(
                BenchClients.row(
                    "GET /, 2 workers, 50 thread clients", measured: result.perSecond, yardstick: 10_000,
                    target: "≥ 2.0 × gunicorn -w2 (~10k); install wrk for the fair figure"))
        }
        cafe.shutdown()
    }

    private func open(workers: Int) throws -> SyncCafe {
        var configuration = SyncCafeConfiguration()
        configuration.port = 0
        configuration.workers = workers
        return try SyncCafe(configuration: configuration)
    }
}
