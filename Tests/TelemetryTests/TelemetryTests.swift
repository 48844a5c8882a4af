import CafeHTTP
import CafeModel
import Foundation
import Telemetry
import TestSupport
import Testing

@Suite("Telemetry: /metrics in Prometheus text, and the poller that reads /stats", .onOwnThreads)
struct TelemetryTests {
    @Test("/metrics renders the snapshot's counters, queue and workers, each with its HELP and TYPE")
    func prometheusText() {
        var stats = StillCafe().stats()
        stats.counters.accepted = 7
        stats.counters.status2xx = 5
        stats.counters.status5xx = 2
        stats.acceptQueue = ServerStats.AcceptQueue(length: 3, maximum: 16)
        let text = PrometheusText.render(stats)
        #expect(text.contains("# HELP barista_requests_accepted_total "))
        #expect(text.contains("# TYPE barista_requests_accepted_total counter\nbarista_requests_accepted_total 7\n"))
        #expect(text.contains("barista_responses_total{code=\"2xx\"} 5\n"))
        #expect(text.contains("barista_responses_total{code=\"5xx\"} 2\n"))
        #expect(text.contains("barista_accept_queue_length 3\n") && text.contains("barista_accept_queue_max 16\n"))
        #expect(!text.contains("barista_workers"), "no worker lines for a café without workers")
        #expect(!text.contains("barista_loop_lag_ms"), "no loop lines for a café without loops")
    }

    @Test("the admin port answers /stats and /metrics for its source")
    func adminServerAnswers() throws {
        let admin = try AdminServer(host: "127.0.0.1", port: 0, source: StillCafe())
        defer { admin.shutdown() }
        let client = OneShotClient(port: admin.port, timeout: .seconds(10))
        let stats = try ServerStats.decode(from: Data(client.get("/stats").body.utf8))
        #expect(stats.cafe == .sync && stats.pid == 1)
        #expect(try client.get("/metrics").body.contains("barista_requests_in_progress 0"))
    }

    @Test("the poller keeps the newest snapshot, and says so when the café stops answering")
    func pollerFollowsTheCafe() async throws {
        let admin = try AdminServer(host: "127.0.0.1", port: 0, source: StillCafe())
        let poller = StatsPoller(adminPort: admin.port, interval: .milliseconds(20))
        defer { poller.stop() }
        #expect(await eventually { poller.latest != nil })
        #expect(poller.latest?.cafe == .sync && poller.failure == nil && poller.latestAskedAt != nil)
        admin.shutdown()
        #expect(await eventually { poller.failure != nil }, "a café that stops answering is noticed")
    }
}
