import TestSupport
import Testing

@Suite("barista's show flags")
struct ShowFlagTests {
    @Test("a bad flag of the show: one line naming it, exit code 2, no café started", arguments: [
        (["--rate", "fast"], "--rate"), (["--workers", "0"], "--workers"), (["--handler", "sleep"], "--handler"),
        (["--loops", "0"], "--loops"), (["--brew", "2h"], "--brew"), (["--fps", "0"], "--fps"),
        (["--slow", "150%"], "--slow"), (["--slow", "some"], "--slow"), (["--slow-for", "0s"], "--slow-for"),
    ])
    func badFlag(arguments: [String], flag: String) throws {
        let result = try ServeProcessHandle.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("barista: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(flag))
    }
}
