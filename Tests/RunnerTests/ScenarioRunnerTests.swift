import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

@Suite("The ScenarioRunner behind the show", .serialized)
struct ScenarioRunnerTests {
    private func start(_ scenario: Scenario = Scenario(ratePerSecond: 20, arrivals: .constant)) throws -> ScenarioRunner {
        try ScenarioRunner(options: ShowOptions(
            scenario: scenario, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path))
    }

    /// Frames until `condition` holds (up to `timeout`), as the screen would take them.
    private func frame(of runner: ScenarioRunner, timeout: Duration = .seconds(10), until condition: (ShowFrame) -> Bool)
        -> ShowFrame
    {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var frame = runner.frame()
        while !condition(frame) && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            frame = runner.frame()
        }
        return frame
    }

    @Test("both cafés get the same customers and both views merge into each pane")
    func mergesBothViews() throws {
        let runner = try start()
        defer { runner.shutdown() }
        let frame = frame(of: runner) { $0.sync.served >= 10 && $0.async.served >= 10 && $0.ticker != nil }
        #expect(frame.sync.served >= 10 && frame.async.served >= 10)
        #expect(frame.sync.baristas.count == 4, "server view: the sync café's baristas from /stats")
        #expect(frame.async.loops.count == 1, "server view: the async café's loop from /stats")
        #expect(frame.sync.waitP50Ms != nil, "client view: waits from the load generator")
        #expect(frame.syncURL == "http://127.0.0.1:\(runner.syncCafe.port)")
        let ticker = try #require(frame.ticker)
        #expect(ticker.sync != nil && ticker.async != nil, "the same customer, seen in both cafés")
        #expect(frame.offeredRate == 20)
    }

    @Test("actions change the cafés live: baristas, handler, pause, reset")
    func actionsReachTheCafes() throws {
        let runner = try start()
        defer { runner.shutdown() }
        runner.perform(.workersUp)
        #expect(frame(of: runner) { $0.sync.baristas.count == 5 }.sync.baristas.count == 5)
        runner.perform(.cycleHandler)
        runner.perform(.cycleHandler)
        #expect(runner.scenario.asyncHandler == .offload)
        #expect(frame(of: runner) { $0.async.helpers != nil }.async.helpers?.threads == 4,
                "the back room appears once the async café offloads")
        runner.perform(.togglePause)
        #expect(runner.frame().offeredRate == 0)
        // The customers already inside are still served; then the counters go back to zero and stay there.
        Thread.sleep(forTimeInterval: 1)
        runner.perform(.resetCounters)
        let reset = frame(of: runner) { $0.sync.served == 0 && $0.async.served == 0 }
        #expect(reset.sync.served == 0 && reset.async.served == 0)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(runner.frame().sync.served == 0, "the door stays closed while paused")
    }

    @Test("a café that dies is shown as stopped; shutdown ends the other")
    func deadCafe() throws {
        let runner = try start()
        kill(runner.asyncCafe.pid, SIGKILL)
        let frame = frame(of: runner) { $0.async.serverDown != nil }
        #expect(frame.async.serverDown?.contains("async café was killed by signal 9") == true)
        #expect(frame.sync.serverDown == nil)
        runner.shutdown()
        #expect(!runner.syncCafe.isRunning)
    }
}
