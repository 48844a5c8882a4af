import ArgumentParser
import CafeModel
import Flags
import Runner
import Testing

@Suite("The show's flags, read in-process")
struct ShowFlagsTests {
    @Test("no flags: the show opens on the documented scene")
    func defaults() throws {
        let options = try ShowFlags.parse([]).showOptions()
        #expect(options.scenario.ratePerSecond == 30)
        #expect(options.scenario.brewMilliseconds == 100)
        #expect(options.scenario.kind == .io)
        #expect(options.scenario.syncWorkers == 4)
        #expect(options.scenario.asyncHandler == .await)
        #expect(options.scenario.arrivals == .poisson)
        #expect(options.scenario.patience == .seconds(10))
        #expect(options.seed == 7)
        #expect(options.syncPort == 8001 && options.asyncPort == 8002)
        #expect(options.syncURL == nil && options.peers == nil)
    }

    @Test("every flag reaches the scene")
    func flagsReachTheScene() throws {
        let flags = try ShowFlags.parse([
            "--rate", "600/m", "--brew", "250ms", "--kind", "cpu", "--workers", "2", "--handler", "offload",
            "--loops", "2", "--door", "reuseport", "--arrivals", "constant", "--seed", "42", "--patience", "3s",
            "--slow", "20%", "--slow-for", "2s",
        ])
        let scenario = try flags.showOptions().scenario
        #expect(scenario.ratePerSecond == 10)
        #expect(scenario.brewMilliseconds == 250)
        #expect(scenario.kind == .cpu)
        #expect(scenario.syncWorkers == 2)
        #expect(scenario.asyncHandler == .offload)
        #expect(scenario.loops == 2)
        #expect(scenario.asyncDoor == .reuseport)
        #expect(scenario.arrivals == .constant)
        #expect(scenario.patience == .seconds(3))
        #expect(scenario.slowShare == 0.2)
        #expect(scenario.slowFor == .seconds(2))
        #expect(try flags.showOptions().seed == 42)
    }

    /// The one line barista's `main` prints for `arguments`, or nil when they parse.
    private func usageLine(_ arguments: [String]) -> String? {
        do {
            _ = try ShowFlags.parse(arguments)
            return nil
        } catch {
            return ShowFlags.message(for: error)
        }
    }

    @Test(
        "a negative value is read as the flag's value and refused by its check, not taken for a flag",
        arguments: [
            (["--rate", "-5/s"], "--rate: a rate is customers per second or minute above 0"),
            (["--workers", "-1"], "--workers"),
            (["--fps", "-3"], "--fps"),
        ])
    func negativeValues(arguments: [String], says: String) {
        let line = usageLine(arguments)
        #expect(line?.contains(says) == true, "\(line ?? "parsed")")
        #expect(line?.contains("Missing value") == false)
    }

    @Test("a value that is not one names its flag")
    func badValues() {
        #expect(usageLine(["--kind", "tea"])?.contains("--kind") == true)
        #expect(usageLine(["--brew", "soon"])?.contains("--brew") == true)
        #expect(usageLine(["--rate", "99999/s"])?.contains("--rate must be at most") == true)
        #expect(usageLine(["--proxy", "apache"])?.contains("--proxy") == true)
    }
}
