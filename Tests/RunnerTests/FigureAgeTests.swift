import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

extension LiveRunners {
    /// Every figure of a frame carries its age and its window, measured on the real cafés.
    @Suite("Figures with their age, on the real cafés", .serialized)
    struct FigureAgeTests {
        @Test("stats carry their age, served and offered share a window, the cores row covers the whole machine")
        func agesAndWindows() async throws {
            let runner = try ScenarioRunner(
                options: ShowOptions(
                    scenario: Scenario(ratePerSecond: 20, arrivals: .constant), syncPort: 0, asyncPort: 0,
                    executable: BaristaBinary.url.path))
            defer { runner.shutdown() }
            let frame = await LiveRunners.frame(of: runner) {
                $0.sync.rateWindowSeconds >= 3 && $0.machine != nil && $0.async.statsAgeSeconds != nil
            }
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe)
                let age = try #require(state.statsAgeSeconds, "\(cafe): the age of its /stats")
                #expect(age >= 0 && age < 60, "\(cafe): \(age)")
                #expect(state.rateWindowSeconds >= 3)
                // Constant arrivals at 20/s: the same seconds hold about 20 a second offered.
                let offered = try #require(state.offeredPerSecond)
                #expect(
                    offered >= 15 && offered <= 25, "\(cafe) offered \(offered)/s over \(state.rateWindowSeconds) s")
            }
            let machine = try #require(frame.machine)
            #expect(machine.other != nil, "everything else on the machine, from /proc/stat")
            #expect(machine.syncCafe != nil && machine.asyncCafe != nil, "both cafés' cores, from /proc/<pid>/stat")
            #expect(machine.used <= Double(machine.cores))
            #expect(frame.customers.lagMs != nil, "the generator's lag now, while customers come")
        }
    }
}
