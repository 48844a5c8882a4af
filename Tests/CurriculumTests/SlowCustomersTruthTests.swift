import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

@testable import Curriculum

/// The slow-clients lesson's numbers, measured: its scene of 20 % slow customers played on the real sync café
/// settles where the lesson says, because the kernel reads a slow customer's first bytes while she waits at the
/// door. Its predictions are within 15 % of the measurement.
/// On gunicorn the same figures are a measurement, not a test: gunicorn 27's worker lingers after each answer until
/// the customer hangs up, so its cups a second follow how promptly a busy test process closes (0.4–11/s inside the
/// whole suite, 10–11/s alone). `barista lesson slow-clients --headless --peers python` measures them (README).
@Suite("The slow-clients lesson, measured", .serialized, .onOwnThreads)
struct SlowCustomersTruthTests {
    static let lesson = try! LessonFolderTests.library.lesson(named: "slow-clients")

    /// The settled scene ("A few slow customers") and the lesson's own predictions for it: cups a second (step 2)
    /// and the median wait (step 3), with the door its checks expect.
    struct Claims {
        var scene: Scenario
        var servedPerSecond: Double
        var p50Ms: Double
        var door: Double
    }

    static func claims() throws -> Claims {
        let steps = lesson.steps
        let settled = try #require(steps.firstIndex { $0.heading == "A few slow customers" })
        let wait = steps[settled + 1]
        let scene = lesson.scenes[settled]
        let served = try #require(steps[settled].prediction?.numericAnswer)
        let p50 = try #require(wait.prediction?.numericAnswer)
        let door = try #require(Theory(scenario: scene, offeredRate: scene.ratePerSecond, cores: 2).slowDoorWaitSeconds)
        return Claims(scene: scene, servedPerSecond: served, p50Ms: p50, door: door * scene.ratePerSecond)
    }

    /// What the café did over `window` once its line had `settle` to settle: cups a second, the median wait and
    /// the door, each averaged over the window.
    static func measure(
        _ options: ShowOptions, settle: Duration = .seconds(15), window: Int = 20
    ) async throws
        -> (served: Double, p50: Double, door: Double)
    {
        let runner = try ScenarioRunner(options: options)
        defer { runner.shutdown() }
        // Paused on threads of their own: the 25 s of watching hold no thread of the cooperative pool.
        await pause(for: settle)
        var p50s: [Double] = [], doors: [Double] = []
        for _ in 0..<(window * 2) {
            await pause(for: .milliseconds(500))
            let frame = runner.frame()
            if let p50 = frame.sync.waitP50Ms { p50s.append(p50) }
            doors.append(Double(frame.sync.doorQueue))
        }
        let served = runner.frame().sync.servedHistory.samples.suffix(window)
        func mean(_ values: some Collection<Double>) -> Double {
            values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        return (mean(served), mean(p50s), mean(doors))
    }

    static func within15Percent(_ claim: Double, of measured: Double) -> Bool {
        abs(claim - measured) <= 0.15 * measured
    }

    @Test("the theory: 4 baristas, 10/s, 20 % slow for 5 s settle at a 3.5 s door wait, all 10 served")
    func theory() throws {
        let claims = try Self.claims()
        let theory = Theory(scenario: claims.scene, offeredRate: claims.scene.ratePerSecond, cores: 2)
        #expect(abs((theory.slowDoorWaitSeconds ?? 0) - 3.5) < 0.001)
        #expect(abs(theory.syncHoldSeconds - 0.4) < 0.001)
        #expect(theory.sync == .perSecond(10) && theory.queueGrowth(of: .sync) == 0)
        #expect(claims.servedPerSecond == 10 && claims.p50Ms == 3600)
        // No line needed: a slow customer is read in full, as the naive sum says.
        var few = claims.scene
        few.ratePerSecond = 2
        let light = Theory(scenario: few, offeredRate: 2, cores: 2)
        #expect(light.slowDoorWaitSeconds == nil && abs(light.syncHoldSeconds - 1.1) < 0.001)
    }

    @Test("on barista's sync café the lesson's cups and wait are within 15 % of the measurement")
    func onTheSyncCafe() async throws {
        let claims = try Self.claims()
        let options = ShowOptions(scenario: claims.scene, syncPort: 0, asyncPort: 0, executable: BaristaBinary.url.path)
        let measured = try await Self.measure(options)
        #expect(Self.within15Percent(claims.servedPerSecond, of: measured.served), "served \(measured.served)/s")
        #expect(Self.within15Percent(claims.p50Ms, of: measured.p50), "p50 \(measured.p50) ms")
        #expect(measured.door >= 0.5 * claims.door && measured.door <= 1.6 * claims.door, "door \(measured.door)")
    }
}
