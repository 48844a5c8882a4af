import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("nginx's configuration and status page, as barista writes and reads them", .onOwnThreads)
struct NginxConfigurationTests {
    @Test("foreground, private paths, errors on stderr, no access log, the café's backlog, nginx's buffering defaults")
    func configuration() {
        let text = NginxFront.configuration(
            prefix: "/tmp/p", port: 18080, adminPort: 18081, upstream: "127.0.0.1:8001", backlog: 2048)
        for line in [
            "daemon off;", "pid /tmp/p/nginx.pid;", "error_log stderr warn;", "access_log off;",
            "client_body_temp_path /tmp/p/client_body;", "proxy_temp_path /tmp/p/proxy;",
            "listen 127.0.0.1:18080 backlog=2048;", "proxy_pass http://127.0.0.1:8001;", "proxy_http_version 1.1;",
            "proxy_request_buffering on;", "proxy_buffering on;", "listen 127.0.0.1:18081;", "stub_status;",
            "root /tmp/p;",
        ] {
            #expect(text.contains(line), "missing: \(line)")
        }
        #expect(!text.contains("0.0.0.0") && !text.contains("listen 80"), "loopback only")
    }

    @Test("stub_status reads as connections by state")
    func stubStatus() {
        let page =
            "Active connections: 9 \nserver accepts handled requests\n 17 17 21 \nReading: 4 Writing: 5 Waiting: 0 \n"
        #expect(FrontView.parseStubStatus(page) == .init(active: 9, reading: 4, writing: 5, waiting: 0, requests: 21))
        #expect(FrontView.parseStubStatus("<html>502</html>") == nil)
    }
}

extension LiveRunners {
    /// The real nginx in front of the sync café (`--proxy nginx`): with slow customers still coming, nginx reads them
    /// and the café's baristas stay free; without it the same load ties all four up. No nginx is left after.
    @Suite("nginx in front of the sync café", .serialized, .enabled(if: NginxTool.isAvailable, NginxTool.howToEnable))
    struct NginxFrontTests {
        @Test(
            "20 % slow customers: with nginx the café's readers stay ≤ 1 while nginx reads them; without, all four read"
        )
        func slowCustomers() async throws {
            var options = ShowOptions(
                scenario: Scenario(
                    ratePerSecond: 10, arrivals: .constant, brewMilliseconds: 100, syncWorkers: 4,
                    patience: .seconds(60), slowShare: 0.2, slowFor: .seconds(5), syncProxy: .nginx),
                syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
            options.nginx = NginxTool.path
            let runner = try ScenarioRunner(options: options)
            let front = try #require(runner.front)
            // nginx's master and worker, in the process group of their guard.
            let ours = Set(NginxTool.processes()).intersection(processes(inGroup: front.child.pid))
            defer {
                runner.shutdown()
                #expect(
                    eventuallyBlocking(within: .seconds(10)) { Set(NginxTool.processes()).intersection(ours).isEmpty },
                    "no nginx of the run is left")
            }
            #expect(front.child.isRunning)
            #expect(ours.count >= 2, "the real nginx runs: its master and a worker")
            // Several seconds in a row of nginx reading slow customers while the café reads at most one.
            let clock = ContinuousClock()
            var since: ContinuousClock.Instant?
            var held = Duration.zero
            let reading = await frame(of: runner, timeout: .seconds(60)) { frame in
                let nginxReads = frame.sync.front?.connections?.reading ?? 0
                if nginxReads >= 1 && frame.sync.readingBaristas <= 1 {
                    since = since ?? clock.now
                } else {
                    since = nil
                }
                held = since.map { $0.duration(to: clock.now) } ?? .zero
                return held >= .seconds(3) && frame.sync.servedHistory.samples.count >= 8
            }
            let history = reading.sync.servedHistory.samples.suffix(5)
            let served = history.reduce(0, +) / Double(max(history.count, 1))
            print(
                "nginx in front: nginx reading \(reading.sync.front?.connections?.reading ?? -1), café reading \(reading.sync.readingBaristas), served \(served)/s"
            )
            #expect(held >= .seconds(3), "3 s in a row of nginx reading and the café's readers ≤ 1")
            #expect(reading.sync.readingBaristas <= 1)
            #expect((reading.sync.front?.connections?.reading ?? 0) >= 1, "nginx reads the slow ones")
            #expect(served >= 7, "the café serves near the 10/s offered: \(served)/s")
            #expect(reading.sync.front?.inside?.workers.isEmpty == false, "nginx's workers seen from the kernel")

            // The same load without nginx: the slow customers tie up all four baristas.
            runner.perform(.setProxy(.none))
            #expect(runner.front == nil)
            #expect(Set(NginxTool.processes()).intersection(ours).isEmpty, "switched off: that nginx has ended")
            let tied = await frame(of: runner, timeout: .seconds(40)) { $0.sync.readingBaristas == 4 }
            #expect(tied.sync.readingBaristas == 4, "without nginx all four read slow orders")
            #expect(tied.sync.front == nil)
        }
    }
}

extension LiveRunners.NginxFrontTests {
    @Test(
        "--static 30%: nginx answers the static customers from disk ten times quicker than the cups, which queue at the café"
    )
    func staticFiles() async throws {
        var options = ShowOptions(
            scenario: Scenario(
                ratePerSecond: 40, arrivals: .constant, brewMilliseconds: 200, syncWorkers: 4, patience: .seconds(60),
                syncProxy: .nginx, staticShare: 0.3),
            syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
        options.nginx = NginxTool.path
        let runner = try ScenarioRunner(options: options)
        defer { runner.shutdown() }
        // 40/s, 30 % static: 28 cups/s offered to a café that makes 4 ÷ 0.2 s = 20, so its door grows ~8/s, while
        // nginx answers 12 files a second from disk. Judged on a five-second window once the line is long.
        let queued = await LiveRunners.frame(of: runner, timeout: .seconds(60)) { frame in
            guard let files = frame.sync.front?.staticFiles, let p50 = files.p50Ms, let p99 = files.p99Ms,
                let cups = frame.sync.waitP50Ms
            else { return false }
            return frame.sync.doorQueue >= 20 && files.served >= 50 && p50 < 0.1 * cups && p99 < cups
        }
        let files = try #require(queued.sync.front?.staticFiles)
        print(
            "static: \(files.served) served, p50 \(files.p50Ms ?? -1) ms, p99 \(files.p99Ms ?? -1) ms; café door \(queued.sync.doorQueue), cups p50 \(queued.sync.waitP50Ms ?? -1) ms"
        )
        #expect(queued.sync.doorQueue >= 20, "the cups queue at the café's door")
        #expect(files.served >= 50)
        #expect(files.failed == 0, "every static customer got the file")
        // On a quiet machine a file takes about a millisecond; on one shared by many runs the client's own lag is in
        // the figure, so the claim is relative: a file is at least ten times quicker than a page at the median.
        #expect((files.p50Ms ?? .infinity) < 0.1 * (queued.sync.waitP50Ms ?? 0), "p50 \(files.p50Ms ?? -1) ms")
        #expect((files.p99Ms ?? .infinity) < (queued.sync.waitP50Ms ?? 0), "even the slowest files beat a typical cup")
        #expect(
            queued.sync.servedPerSecond <= 26, "the café still makes at most ~20 cups/s: \(queued.sync.servedPerSecond)"
        )
    }
}
