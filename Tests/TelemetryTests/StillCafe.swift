import CafeModel
import Telemetry

/// A café stand-in for the admin port alone: fixed stats, no change.
struct StillCafe: TelemetrySource {
    var cafe: CafeKind { .sync }
    func stats() -> ServerStats {
        ServerStats(
            cafe: .sync, pid: 1, uptimeMs: 0, cpuSeconds: 0,
            config: .init(host: "127.0.0.1", port: 1, backlog: 1, headerTimeoutMs: 1), acceptQueue: nil,
            inProgress: [], inProgressCount: 0, counters: .init())
    }
    func control(_ request: ControlRequest) -> String { "unchanged" }
}
