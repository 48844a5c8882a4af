import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// The lessons of `Lessons/` played headless on the real cafés, as a teacher rehearses them: every step reached,
    /// every check proven by the live numbers. One at a time: each runs both cafés and their customers.
    @Suite("the lessons, played on the real cafés", .serialized)
    struct LessonPlayTests {
        static func play(_ arguments: [String]) async throws -> LoadCommandTests.Result {
            try await LessonCommandTests.barista(arguments + ["--headless", "--sync-port", "0", "--async-port", "0"])
        }

        @Test("async, the flagship: every step, every check; the blocking step's loop lag and its fix")
        func async() async throws {
            let result = try await Self.play(["lesson", "async"])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("## 12/12 "), "every step reached")
            #expect(result.stdout.contains("✓ async.loop_lag_ms >= 100 within 15s"), "the blocked loop is seen")
            #expect(result.stdout.contains(" checks passed") && !result.stdout.contains("not passed"))
        }

        @Test(
            "slow-clients: the café serves all once its line settles; at an empty café slow customers tie up every barista"
        )
        func slowClients() async throws {
            let result = try await Self.play(["lesson", "slow-clients"])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("✓ sync.served_per_s >= 0.8 * theory within 25s hold 3s"), "all served")
            #expect(
                result.stdout.contains("✓ sync.reading >= 4 within 6s hold 2s"), "every barista reading for seconds")
        }

        @Test("the classroom demo at ten times the script's speed: every step, the summary, exit 0")
        func classroom() async throws {
            let result = try await Self.play(["demo", "--speed", "10"])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("summary: both cafés at the end of each step"))
            #expect(result.stdout.contains("## 6/6 "))
        }
    }
}
