import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// The overload lesson on the real cafés, read off the screen as a student would: 50 customers a second with 2 s
    /// of patience into 4 sync baristas (40/s). Customers walk out, their connections still wait at the sync café's
    /// door, and its baristas brew for nobody — while the async café serves everyone. Then `x` empties both doors.
    @Suite("overload on the real cafés, in a terminal", .serialized)
    struct OverloadTruthTests {
        /// The number right before `words` on the sync (left) pane's rows, shortened forms (`1.2k`) read back.
        static func syncFigure(before words: String, in screen: String) -> Int? {
            figure(before: words, in: screen) { row in row.range(of: "││").map { String(row[..<$0.lowerBound]) } ?? row
            }
        }

        static func asyncFigure(before words: String, in screen: String) -> Int? {
            figure(before: words, in: screen) { row in row.range(of: "││").map { String(row[$0.upperBound...]) } ?? "" }
        }

        private static func figure(before words: String, in screen: String, side: (String) -> String) -> Int? {
            for row in screen.split(separator: "\n").map(String.init) {
                let pane = side(row)
                guard let range = pane.range(of: words) else { continue }
                let token =
                    pane[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                    .split(separator: " ").last.map(String.init) ?? ""
                let digits = token.filter { $0.isNumber || $0 == "." }
                guard let value = Double(digits) else { continue }
                return Int(value * (token.hasSuffix("k") ? 1_000 : token.hasSuffix("M") ? 1_000_000 : 1))
            }
            return nil
        }

        @Test(
            "walk-outs pass 100 and cups are brewed for nobody in the sync pane, none in the async pane; x empties both doors"
        )
        func walkOutsAndCupsForNobody() async throws {
            let session = try TmuxSession(
                [
                    BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0", "--rate", "50/s", "--patience",
                    "2s",
                ],
                columns: 120, rows: 40)
            defer { session.send("q") }
            let screen = await session.screen(timeout: .seconds(60)) { screen in
                (Self.syncFigure(before: " walked out", in: screen) ?? Self.syncFigure(before: " out", in: screen) ?? 0)
                    >= 100
                    && screen.contains("∅") && screen.contains("walked out after")
            }
            let walked =
                Self.syncFigure(before: " walked out", in: screen) ?? Self.syncFigure(before: " out", in: screen)
            #expect((walked ?? 0) >= 100, "sync walk-outs: \(screen)")
            #expect(screen.contains("brewed") || screen.contains("for nobody"), "cups for nobody shown: \(screen)")
            #expect(Self.asyncFigure(before: " walked out", in: screen) == 0, "async: nobody walks out: \(screen)")
            #expect(
                !screen.split(separator: "\n").contains { $0.split(separator: "││").last?.contains("∅") == true },
                "async: no cup for nobody: \(screen)")
            #expect(
                screen.contains("already gone") || screen.contains(" gone"), "the door says who has gone: \(screen)")
            #expect(screen.contains("walked out after"), "the ticker follows a walk-out to its end: \(screen)")

            let before = Self.syncFigure(before: " queued", in: screen) ?? 0
            #expect(before >= 40, "a long line at the sync door before x: \(screen)")
            session.send("x")
            // Waited for until the screen shows the clean slate, not only its message: on a busy machine the
            // message can be drawn a frame before the fresh counters.
            let cleared = await session.screen(timeout: .seconds(15)) {
                $0.contains("shop cleared") && Self.syncFigure(before: " walked out", in: $0) == 0
            }
            #expect(cleared.contains("shop cleared"), "\(cleared)")
            // The customers keep coming (50/s into 40/s), so the new line starts again from nothing: a few at most.
            let after =
                cleared.contains("│ door   nobody waiting")
                ? 0 : Self.syncFigure(before: " queued", in: cleared) ?? before
            #expect(after < 20 && after < before, "the sync door emptied: \(before) before, \(after) after: \(cleared)")
            #expect(
                Self.syncFigure(before: " walked out", in: cleared) == 0, "walk-outs start again from zero: \(cleared)")
        }
    }
}
