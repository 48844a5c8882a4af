import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// The code panel on the live show, in a real terminal: `c` at 60 customers a second, then `m` to block.
    @Suite("the code panel in a terminal")
    struct CodePanelShowTests {
        /// The count written before `noun` on the row of one half of the screen that holds `code`.
        static func count(_ screen: String, half: Half, code: String, noun: String) -> Int? {
            guard let row = rows(screen, half: half).first(where: { $0.contains(code) }),
                let words = row.range(of: noun)
            else { return nil }
            let digits = row[..<words.lowerBound].reversed().prefix { $0.isNumber }
            return Int(String(digits.reversed()))
        }

        enum Half { case sync, async }

        /// The rows of the sync (left) or async (right) pane.
        static func rows(_ screen: String, half: Half) -> [String] {
            screen.split(separator: "\n").map { line in
                guard let middle = line.range(of: "││") else { return half == .sync ? String(line) : "" }
                return String(half == .sync ? line[..<middle.lowerBound] : line[middle.upperBound...])
            }
        }

        @Test("c at 60/s: 4 workers at the sync sleep line, buzzers at the await line; m: the async line BLOCKED")
        func codeOnTheLiveShow() async throws {
            let session = try TmuxSession(
                [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0", "--rate", "60/s"],
                columns: 200, rows: 60)
            let started = await session.screen(timeout: .seconds(30)) { screen in
                screen.contains("SYNC café") && screen.contains("✓")
            }
            #expect(started.contains("ASYNC café"), "\(started)")
            session.send("c")
            // 60 customers a second for 4 baristas of 40 cups a second: all four stand at the sleep, always.
            let shown = await session.screen(timeout: .seconds(30)) { screen in
                Self.count(screen, half: .sync, code: "time.sleep(0.1)", noun: " workers blocked here") == 4
                    && (Self.count(screen, half: .async, code: "await asyncio.sleep(0.1)", noun: " awaiting") ?? 0) >= 1
            }
            #expect(
                Self.count(shown, half: .sync, code: "time.sleep(0.1)", noun: " workers blocked here") == 4, "\(shown)")
            #expect(
                (Self.count(shown, half: .async, code: "await asyncio.sleep(0.1)", noun: " awaiting") ?? 0) >= 1,
                "\(shown)")
            #expect(
                shown.contains("def brew(request):") && !shown.contains("│ queue "), "in the queue's place: \(shown)")
            session.send("m")
            let blocked = await session.screen(timeout: .seconds(30)) { screen in
                Self.rows(screen, half: .async).contains { $0.contains("time.sleep(0.1)") && $0.contains("BLOCKED") }
            }
            let asyncRows = Self.rows(blocked, half: .async)
            #expect(asyncRows.contains { $0.contains("time.sleep(0.1)") && $0.contains("BLOCKED") }, "\(blocked)")
            #expect(!asyncRows.contains { $0.contains("await asyncio.sleep") }, "\(blocked)")
            session.send("c")
            let hidden = await session.screen(timeout: .seconds(15)) { !$0.contains("def brew(request):") }
            #expect(hidden.contains("│ queue "), "c again brings the queue chart back: \(hidden)")
            session.send("q")
            // Generous: the blocked loop's door is full, and the suite shares two cores with other shows.
            #expect(await session.exitStatus(timeout: .seconds(30)) == 0)
        }
    }
}
