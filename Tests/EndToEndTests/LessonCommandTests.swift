import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// `barista lessons` and `barista lesson NAME --headless` as a teacher runs them: real cafés, no screen.
    @Suite("barista lesson, the command")
    struct LessonCommandTests {
        /// A folder of lessons written for one test, removed afterwards.
        final class Folder {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("barista-lessons-\(UUID())")
            init(_ files: [String: String]) throws {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                for (name, text) in files {
                    try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
            }
            deinit { try? FileManager.default.removeItem(at: url) }
        }

        static func barista(
            _ arguments: [String], environment: [String: String] = [:]
        ) async throws -> LoadCommandTests.Result {
            try await onOwnThread { try LoadCommandTests.barista(arguments, environment: environment) }
        }

        static let quick = """
            # Quick
            <!-- summary: four baristas against buzzers -->
            <!-- minutes: 1 -->
            ## Waiting baristas
            ```scenario
            load: rate=60/s brew=100ms
            ```
            Sixty a second into four baristas.
            ```predict
            How many cups per second will the sync café serve?
            measure: sync.served_per_s over 2s after 2s
            answer: 40
            ```
            ```check
            sync.served_per_s >= 30 within 20s
            sync.p50_ms > 2 * async.p50_ms within 25s
            ```
            ## Blocking
            ```scenario
            async: handler=block
            load: rate=20/s
            ```
            ```check
            async.loop_lag_ms >= 50 within 20s
            ```
            """

        @Test("a lesson plays headless on the real cafés: every step, its answer and measure, its checks; exit 0")
        func headless() async throws {
            let folder = try Folder(["quick.md": Self.quick])
            let state = folder.url.appendingPathComponent("state")
            let result = try await Self.barista(
                [
                    "lesson", "quick", "--lessons-dir", folder.url.path, "--headless", "--sync-port", "0",
                    "--async-port", "0",
                ],
                environment: ["XDG_STATE_HOME": state.path])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            // A rehearsal answers with the lesson's own answers: it is never the student's progress.
            #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("barista/progress.json").path))
            #expect(result.stdout.contains("## 1/2 Waiting baristas") && result.stdout.contains("## 2/2 Blocking"))
            #expect(
                result.stdout.contains("answered 40 · measured ") && result.stdout.contains("the lesson's answer: 40"))
            #expect(result.stdout.contains("✓ async.loop_lag_ms >= 50 within 20s"))
            #expect(result.stdout.contains("3 of 3 checks passed"))
        }

        @Test("a check the cafés cannot prove fails the headless run (exit 1) and is named")
        func failing() async throws {
            let impossible =
                "# Never\n## Too fast\n```scenario\nload: rate=20/s\n```\n```check\nsync.served_per_s >= 500 within 3s\n```\n"
            let folder = try Folder(["never.md": impossible])
            let result = try await Self.barista(
                [
                    "--lesson", "never", "--lessons-dir", folder.url.path, "--headless", "--sync-port", "0",
                    "--async-port", "0",
                ])
            #expect(result.status == 1, "\(result.stdout)")
            #expect(result.stdout.contains("✗ step 1 (Too fast): sync.served_per_s >= 500 within 3s"))
        }

        @Test("lessons lists what is there; --check names a broken file's line and step, and exits 2")
        func listAndCheck() async throws {
            let broken = "# Broken\n## Warm up\n## Four baristas who wait\n```check\nsync.cups > 1\n```\n"
            let folder = try Folder(["quick.md": Self.quick, "broken.md": broken])
            // Progress is read from a folder of the test's own, never the real one.
            let state = ["XDG_STATE_HOME": folder.url.appendingPathComponent("state").path]
            let list = try await Self.barista(["lessons", "--lessons-dir", folder.url.path], environment: state)
            #expect(
                list.stdout.contains("quick") && list.stdout.contains("2 steps")
                    && list.stdout.contains("four baristas against buzzers"))
            let check = try await Self.barista(["lessons", "--check", folder.url.path], environment: state)
            #expect(check.status == 2)
            let error = check.stdout.split(separator: "\n").first { $0.hasPrefix("error ") }
            #expect(
                error?.contains("broken.md:5: step 2 \"Four baristas who wait\": unknown metric 'sync.cups'") == true,
                "\(check.stdout)")
            #expect(check.stdout.contains("ok    quick: 2 steps"))
        }

        @Test("barista lessons: a broken progress file is kept aside with one warning; an unsaveable one warns once")
        func progressWarnings() async throws {
            let folder = try Folder(["quick.md": Self.quick])
            let state = folder.url.appendingPathComponent("state")
            let saved = state.appendingPathComponent("barista/progress.json")
            try FileManager.default.createDirectory(
                at: saved.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "{\"quick\": {\"finishedSteps\": [1".write(to: saved, atomically: true, encoding: .utf8)
            let broken = try await Self.barista(
                ["lessons", "--lessons-dir", folder.url.path], environment: ["XDG_STATE_HOME": state.path])
            #expect(broken.status == 0 && broken.stdout.contains("quick"))
            let lines = broken.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("kept as progress.json.broken-"), "\(broken.stderr)")
            let kept = try FileManager.default.contentsOfDirectory(atPath: saved.deletingLastPathComponent().path)
            #expect(kept.contains { $0.hasPrefix("progress.json.broken-") }, "\(kept)")

            for place in ["/proc/nonexistent", saved.path] {
                if place == saved.path {
                    try? FileManager.default.removeItem(at: saved)
                    try FileManager.default.createDirectory(at: saved, withIntermediateDirectories: true)
                }
                let home = place == saved.path ? state.path : place
                let list = try await Self.barista(
                    ["lessons", "--lessons-dir", folder.url.path], environment: ["XDG_STATE_HOME": home])
                #expect(list.status == 0 && list.stdout.contains("quick"))
                #expect(
                    list.stderr.split(separator: "\n").count == 1 && list.stderr.contains("progress"),
                    "\(place): \(list.stderr)")
            }
        }

        @Test("lessons --check names a binary file, a symlink loop and a Latin-1 file by file:line, one line each")
        func checkBrokenFiles() async throws {
            let folder = try Folder(["quick.md": Self.quick])
            try Data([0x23, 0x20, 0x43, 0x61, 0x66, 0xE9, 0x0A]).write(
                to: folder.url.appendingPathComponent("latin.md"))
            try Data([0x00, 0x01, 0x02, 0xFF, 0x0A]).write(to: folder.url.appendingPathComponent("binary.md"))
            try FileManager.default.createSymbolicLink(
                atPath: folder.url.appendingPathComponent("loop.md").path, withDestinationPath: "loop.md")
            let check = try await Self.barista(["lessons", "--check", folder.url.path])
            #expect(check.status == 2)
            let errors = check.stdout.split(separator: "\n").filter { $0.hasPrefix("error ") }
            #expect(errors.count == 3, "\(check.stdout)")
            for (name, words) in [
                ("binary", ":1: this line is not UTF-8"), ("latin", ":1: this line is not UTF-8"),
                ("loop", ":1: cannot be read"),
            ] {
                #expect(errors.contains { $0.contains("\(name).md\(words)") }, "\(name): \(check.stdout)")
            }
            #expect(!check.stdout.contains("NSCocoaErrorDomain") && check.stdout.contains("ok    quick: 2 steps"))
        }

        @Test(
            "--check refuses words about a server the lesson does not run, at its file:line; the shipped lessons pass")
        func namesOnlyWhatRuns() async throws {
            let claims = "# Claims\n\n## Four workers\n```scenario\nload: rate=10/s\n```\nFour gunicorn sync workers.\n"
            let plays =
                "# Plays\n## Four workers\nThe sync café plays four gunicorn sync workers, as threads of one process.\n"
            let folder = try Folder(["claims.md": claims, "plays.md": plays])
            let check = try await Self.barista(["lessons", "--check", folder.url.path])
            #expect(check.status == 2)
            #expect(
                check.stdout.contains(
                    "claims.md:7: step 1 \"Four workers\": names gunicorn, which this lesson does not run: add <!-- peers: python -->"
                ),
                "\(check.stdout)")
            #expect(check.stdout.contains("ok    plays: 1 step"), "\(check.stdout)")
            let shipped = try await Self.barista(["lessons", "--check"])
            #expect(shipped.status == 0, "\(shipped.stdout)")
        }

        @Test(
            "<!-- peers: python --> plays the lesson on gunicorn and uvicorn, with no --peers flag",
            .enabled(if: PeerPython.isAvailable, PeerPython.howToEnable))
        func peersHeaderRunsPython() async throws {
            // uvicorn has no loop-lag probe: a check on it can only fail there, and passes on barista's async café.
            let lesson =
                "# On gunicorn\n<!-- peers: python -->\n## Served\n```scenario\nload: rate=10/s\n```\n"
                + "gunicorn's workers and uvicorn's loop serve.\n```check\nsync.served_per_s >= 5 within 20s\n"
                + "async.loop_lag_ms <= 1000 within 5s\n```\n"
            let folder = try Folder(["py.md": lesson])
            let play = try await Self.barista(
                ["lesson", "py", "--lessons-dir", folder.url.path, "--headless"],
                environment: ["BARISTA_PYTHON": PeerPython.path ?? "python3"])
            #expect(play.status == 1, "\(play.stdout)\n\(play.stderr)")
            #expect(play.stdout.contains("✓ sync.served_per_s >= 5 within 20s"), "\(play.stdout)")
            #expect(
                play.stdout.contains("✗ async.loop_lag_ms <= 1000 within 5s"),
                "no loop lag from uvicorn: \(play.stdout)")
        }

        @Test("a lesson whose header runs other servers than --peers names stops with one line, exit 2")
        func peersNotRunnable() async throws {
            let django = "# Django\n<!-- peers: django -->\n## A view\nA Django view on gunicorn.\n"
            let folder = try Folder(["django.md": django])
            let play = try await Self.barista(
                ["lesson", "django", "--lessons-dir", folder.url.path, "--headless", "--peers", "python"])
            #expect(play.status == 2)
            #expect(
                play.stderr.contains("lesson 'django' runs --peers django; it cannot be played with --peers python"),
                "\(play.stderr)")
        }

        @Test("an unknown lesson, a missing folder, a bad step: one line, exit 2")
        func badInput() async throws {
            let folder = try Folder(["quick.md": Self.quick])
            let unknown = try await Self.barista(["lesson", "nope", "--lessons-dir", folder.url.path])
            #expect(
                unknown.status == 2 && unknown.stderr.contains("no lesson 'nope'") && unknown.stderr.contains("quick"))
            let missing = try await Self.barista(["lessons", "--lessons-dir", "/nonexistent/lessons"])
            #expect(missing.status == 2 && missing.stderr.contains("no Lessons folder: looked in /nonexistent/lessons"))
            let step = try await Self.barista(["lesson", "quick", "--lessons-dir", folder.url.path, "--step", "9"])
            #expect(step.status == 2 && step.stderr.contains("--step must be from 1 to 2"))
            #expect(step.stderr.split(separator: "\n").count == 1)
        }
    }
}
