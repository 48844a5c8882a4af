import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// A lesson in a real terminal, as a student plays it: the question with the door closed, typing an answer,
    /// Enter (the customers come, the figure is measured beside the answer), next, back, quit.
    @Suite("a lesson in a terminal")
    struct LessonScreenTests {
        @Test("--lesson: answer 45, Enter, see the measured cups beside it; n, b, q")
        func playInTerminal() async throws {
            let folder = try LessonCommandTests.Folder(["quick.md": LessonCommandTests.quick])
            let session = try TmuxSession(
                [
                    BaristaBinary.url.path, "--lesson", "quick", "--lessons-dir", folder.url.path, "--sync-port", "0",
                    "--async-port", "0",
                ], columns: 120, rows: 40)
            let asking = await session.screen(timeout: .seconds(20)) { $0.contains("your answer: _") }
            #expect(asking.contains("lesson: Quick · step 1/2: Waiting baristas"), "\(asking)")
            #expect(asking.contains("door closed (paused)"), "the door stays closed until the answer: \(asking)")
            session.send("4", "5", "Enter")
            let revealed = await session.screen(timeout: .seconds(30)) { $0.contains("measured ") }
            #expect(revealed.contains("you said 45 · measured "), "\(revealed)")
            #expect(revealed.contains("the lesson's answer: 40"), "\(revealed)")
            #expect(!revealed.contains("door closed"), "the customers came once answered: \(revealed)")
            session.send("n")
            let second = await session.screen(timeout: .seconds(15)) { $0.contains("step 2/2: Blocking") }
            #expect(second.contains("step 2/2: Blocking"), "\(second)")
            session.send("b")
            let back = await session.screen(timeout: .seconds(15)) {
                $0.contains("step 1/2") && $0.contains("your answer: _")
            }
            #expect(back.contains("your answer: _"), "back to a fresh question: \(back)")
            session.send("q")
            #expect(await session.exitStatus(timeout: .seconds(10)) == 0)
        }

        @Test("barista --lesson async, from the package's own Lessons folder: its first question, then n and q")
        func flagshipInTerminal() async throws {
            let session = try TmuxSession(
                [BaristaBinary.url.path, "--lesson", "async", "--sync-port", "0", "--async-port", "0"],
                columns: 120, rows: 40)
            let asking = await session.screen(timeout: .seconds(20)) { $0.contains("your answer: _") }
            #expect(asking.contains("lesson: The buzzer: async serving · step 1/"), "\(asking)")
            #expect(asking.contains("Four baristas who wait"), "\(asking)")
            #expect(asking.contains("door closed (paused)"), "\(asking)")
            session.send("n")
            let second = await session.screen(timeout: .seconds(15)) { $0.contains("One barista with buzzers") }
            #expect(second.contains("step 2/"), "\(second)")
            session.send("q")
            #expect(await session.exitStatus(timeout: .seconds(10)) == 0)
        }
    }
}
