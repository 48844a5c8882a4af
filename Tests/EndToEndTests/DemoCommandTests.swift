import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LiveShows {
    /// `barista demo` rehearsed headless on the real cafés, with its recording and its report, and its bad input.
    @Suite("barista demo, the command", .serialized)
    struct DemoCommandTests {
        static let script = """
            # Two scenes
            ## Waiting baristas
            <!-- auto: 20s -->
            ```scenario
            load: rate=60/s brew=100ms
            ```
            ```check
            sync.served_per_s >= 30 within 20s
            ```
            ## Blocking
            <!-- auto: 20s -->
            ```scenario
            async: handler=block
            load: rate=20/s
            ```
            ```check
            async.loop_lag_ms >= 50 within 20s
            ```
            """

        @Test("a rehearsal with --record and --report: a valid asciicast with a marker per step, one chart per step")
        func recordAndReport() async throws {
            let folder = try LessonCommandTests.Folder(["two.md": Self.script])
            let cast = folder.url.appendingPathComponent("demo.cast").path
            let report = folder.url.appendingPathComponent("report").path
            let result = try await LessonCommandTests.barista([
                "demo", "two", "--lessons-dir", folder.url.path, "--headless", "--speed", "10", "--record", cast,
                "--report",
                report, "--sync-port", "0", "--async-port", "0",
            ])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")

            let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(header["version"] as? Int == 2 && header["width"] as? Int == 120 && header["height"] as? Int == 40)
            #expect(header["title"] as? String == "Two scenes")
            var terminal = TestTerminal(width: 120, height: 40)
            var last = 0.0, markers: [String] = []
            for line in lines.dropFirst() {
                let event = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
                let time = try #require(event[0] as? Double)
                #expect(time >= last, "times never go back")
                last = time
                if event[1] as? String == "m" { markers.append(event[2] as? String ?? "") }
                if event[1] as? String == "o" { terminal.feed(event[2] as? String ?? "") }
            }
            #expect(markers == ["1. Waiting baristas", "2. Blocking"])
            let screen = terminal.lines.joined(separator: "\n")
            #expect(screen.contains("step 2/2: Blocking"), "the recording ends on the last step's screen:\n\(screen)")
            #expect(screen.contains("ASYNC café"))

            let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
            for chart in ["step-1.svg", "step-2.svg"] {
                #expect(markdown.contains("(\(chart))"))
                let svg = try String(contentsOfFile: report + "/" + chart, encoding: .utf8)
                #expect(
                    svg.contains("data-series=\"sync-queued\"") && svg.contains("data-series=\"async-served-per-s\""))
            }
        }

        /// One step to answer and prove, one to read: the least a JSON rehearsal has to report.
        static let tiny = """
            # Tiny demo
            ## Twenty a second
            <!-- auto: 2s -->
            ```scenario
            load: rate=20/s brew=100ms
            ```
            ```predict
            How many cups per second will the sync café serve?
            measure: sync.served_per_s over 1s after 1s
            answer: 20
            ```
            ```check
            sync.served_per_s >= 5 within 20s
            ```
            ## The end
            <!-- auto: 1s -->
            That was all.
            """

        @Test("--headless --json: only JSON on stdout, each step with its answer, its measure and its checks; exit 0")
        func json() async throws {
            let folder = try LessonCommandTests.Folder(["tiny.md": Self.tiny])
            let result = try await LessonCommandTests.barista(
                [
                    "demo", "tiny", "--lessons-dir", folder.url.path, "--headless", "--json", "--speed", "20",
                    "--sync-port", "0", "--async-port", "0",
                ],
                environment: ["XDG_STATE_HOME": folder.url.appendingPathComponent("state").path])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            let report = try #require(
                JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
            #expect(report["lesson"] as? String == "tiny" && report["title"] as? String == "Tiny demo")
            #expect(report["passed"] as? Bool == true && (report["failed"] as? [Any])?.isEmpty == true)
            #expect(report["checks_passed"] as? Int == 1 && report["checks"] as? Int == 1)
            let steps = try #require(report["steps"] as? [[String: Any]])
            #expect(steps.map { $0["number"] as? Int } == [1, 2])
            #expect(steps.map { $0["heading"] as? String } == ["Twenty a second", "The end"])
            let first = steps[0]
            #expect(first["offered_per_second"] as? Double == 20)
            let prediction = try #require(first["prediction"] as? [String: Any])
            #expect(prediction["answer"] as? String == "20" && prediction["expected"] as? String == "20")
            #expect((prediction["measured"] as? String)?.hasSuffix("/s") == true, "the figure measured: \(prediction)")
            let checks = try #require(first["checks"] as? [[String: Any]])
            #expect(checks.count == 1 && checks[0]["text"] as? String == "sync.served_per_s >= 5 within 20s")
            #expect(checks[0]["passed"] as? Bool == true)
            let end = try #require(first["end"] as? [String: [String: Any]])
            #expect(
                (end["sync"]?["served"] as? Int ?? 0) > 0 && (end["async"]?["served"] as? Int ?? 0) > 0,
                "real cups were brewed")
            #expect((first["samples"] as? [Any])?.isEmpty == false)
            #expect((steps[1]["checks"] as? [Any])?.isEmpty == true)
        }

        @Test("a demo whose check the cafés cannot prove: the demo goes on, and the rehearsal exits 1 naming the check")
        func failingCheck() async throws {
            let never =
                "# Never\n## Too fast\n<!-- auto: 20s -->\n```check\nsync.served_per_s >= 500 within 3s\n```\n## After\n<!-- auto: 20s -->\nStill here.\n"
            let folder = try LessonCommandTests.Folder(["never.md": never])
            let result = try await LessonCommandTests.barista([
                "demo", "never", "--lessons-dir", folder.url.path, "--headless", "--speed", "20", "--sync-port", "0",
                "--async-port", "0",
            ])
            #expect(result.status == 1, "\(result.stdout)")
            #expect(result.stdout.contains("## 2/2 After"), "the demo went on past the failed check")
            #expect(result.stdout.contains("✗ step 1 (Too fast): sync.served_per_s >= 500 within 3s"))
        }

        @Test("--big in a terminal smaller than 100×30 says so in one line and exits 2")
        func bigTooSmall() async throws {
            let folder = try LessonCommandTests.Folder(["two.md": Self.script])
            let session = try TmuxSession(
                [
                    BaristaBinary.url.path, "demo", "two", "--big", "--lessons-dir", folder.url.path, "--sync-port",
                    "0",
                    "--async-port", "0",
                ], columns: 90, rows: 30)
            #expect(await session.exitStatus(timeout: .seconds(20)) == 2)
            let screen = await session.screen(timeout: .seconds(2)) { $0.contains("--big needs") }
            #expect(screen.contains("--big needs a terminal of at least 100×30; this one is 90×30"), "\(screen)")
        }

        @Test("an unknown demo, an unwritable recording, a report folder in use: one line, exit 2, nothing left behind")
        func badInput() async throws {
            let folder = try LessonCommandTests.Folder(["two.md": Self.script])
            let unknown = try await LessonCommandTests.barista([
                "demo", "nope", "--lessons-dir", folder.url.path, "--headless",
            ])
            #expect(unknown.status == 2 && unknown.stderr.contains("no lesson 'nope'"))
            let unwritable = try await LessonCommandTests.barista([
                "demo", "two", "--lessons-dir", folder.url.path, "--headless", "--record", "/nonexistent/dir/demo.cast",
            ])
            #expect(
                unwritable.status == 2 && unwritable.stderr.split(separator: "\n").count == 1, "\(unwritable.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir/demo.cast"))
            // An earlier recording, a symlink or a device: refused before the cafés start, in one line.
            let earlier = folder.url.appendingPathComponent("earlier.cast").path
            try "last week's class".write(toFile: earlier, atomically: true, encoding: .utf8)
            let link = folder.url.appendingPathComponent("link.cast").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: earlier)
            for (path, force, words) in [
                (earlier, false, "already exists: give --force"), (link, true, "it is a symbolic link"),
                ("/dev/full", true, "it is a device"),
            ] {
                let refused = try await LessonCommandTests.barista(
                    ["demo", "two", "--lessons-dir", folder.url.path, "--headless", "--record", path]
                        + (force ? ["--force"] : []))
                #expect(refused.status == 2 && refused.stderr.contains(words), "\(path): \(refused.stderr)")
                #expect(refused.stderr.split(separator: "\n").count == 1 && refused.stdout.isEmpty, "\(refused.stdout)")
            }
            #expect(try String(contentsOfFile: earlier, encoding: .utf8) == "last week's class")
            var info = stat()
            #expect(lstat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/full is still a device")
            let used = folder.url.appendingPathComponent("used")
            try FileManager.default.createDirectory(at: used, withIntermediateDirectories: true)
            try "mine".write(to: used.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
            let inUse = try await LessonCommandTests.barista([
                "demo", "two", "--lessons-dir", folder.url.path, "--headless", "--report", used.path,
            ])
            #expect(inUse.status == 2, "\(inUse.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: used.path) == ["notes.txt"], "left as it was")
            let loop = try await LessonCommandTests.barista([
                "demo", "two", "--lessons-dir", folder.url.path, "--headless", "--loop",
            ])
            #expect(loop.status == 2 && loop.stderr.contains("--loop needs a screen"))
        }
    }
}
