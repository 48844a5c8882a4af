import CafeModel
import Foundation
import TestSupport
import Testing

@testable import Curriculum

@Suite("Lesson files", .onOwnThreads)
struct LessonParserTests {
    static let sample = """
        # The buzzer
        <!-- summary: One barista with buzzers. -->
        <!-- minutes: 8 -->

        ## Four baristas who wait
        <!-- auto: 20s -->

        ```scenario
        sync:  workers=4
        async: handler=await loops=1 helpers=4
        load:  rate=60/s arrivals=constant brew=100ms kind=io patience=10s
        ```

        Sixty customers a second
        walk in.

        Each cup takes 100 ms.

        ```predict
        How many cups per second
        will the sync café serve?
        measure: sync.served_per_s over 5s after 2s
        answer: 40
        ---
        4 baristas ÷ 0.1 s = 40 cups/s.
        ```

        ```check
        sync.served_per_s >= 35 within 10s
        sync.p50_ms > 3 * async.p50_ms within 15s hold 2s
        ```

        ```hint
        Look at the door.
        ```

        ## Block
        ```scenario
        async: handler=block
        shop: keep
        ```
        ```sh
        gunicorn projectname.wsgi
        ```
        ```predict
        Which café's line grows?
        choices: sync | async | both
        answer: both
        ```
        """

    @Test("a lesson reads into steps with their scene, narration, prediction, checks and hint")
    func parses() throws {
        let lesson = try LessonParser.parse(Self.sample, name: "buzzer", file: "buzzer.md")
        #expect(lesson.title == "The buzzer" && lesson.summary == "One barista with buzzers." && lesson.minutes == 8)
        #expect(lesson.steps.count == 2)
        let first = lesson.steps[0]
        #expect(first.heading == "Four baristas who wait" && first.auto == .seconds(20) && first.line == 5)
        #expect(first.narration == "Sixty customers a second walk in.\nEach cup takes 100 ms.")
        #expect(first.prediction?.question == "How many cups per second will the sync café serve?")
        #expect(first.prediction?.numericAnswer == 40)
        #expect(first.prediction?.measure == Metric(cafe: .sync, name: .servedPerSecond))
        #expect(first.prediction?.over == .seconds(5) && first.prediction?.after == .seconds(2))
        #expect(first.prediction?.explanation == "4 baristas ÷ 0.1 s = 40 cups/s.")
        #expect(first.checks.count == 2)
        #expect(first.checks[1].bound == .metric(Metric(cafe: .async, name: .p50), times: 3))
        #expect(first.checks[1].hold == .seconds(2) && first.checks[1].line == 30)
        #expect(first.hint == "Look at the door.")
        let scenes = lesson.scenes
        #expect(scenes[0].ratePerSecond == 60 && scenes[0].arrivals == .constant && scenes[0].syncWorkers == 4)
        #expect(scenes[1].asyncHandler == .block && scenes[1].ratePerSecond == 60, "a step builds on the one before")
        #expect(!lesson.steps[1].scene.clearShop)
        #expect(lesson.steps[1].narration.contains("  gunicorn projectname.wsgi"), "a code sample is kept")
        #expect(lesson.steps[1].prediction?.choices == ["sync", "async", "both"])
    }

    @Test("slow customers are a scene setting: slow=20% slow-for=3s")
    func slowCustomers() throws {
        let lesson = try LessonParser.parse(
            "# T\n## S\n```scenario\nload: rate=20/s slow=20% slow-for=3s\n```", name: "t", file: "t.md")
        #expect(lesson.scenes[0].slowShare == 0.2 && lesson.scenes[0].slowFor == .seconds(3))
    }

    @Test("Django's switches are a scene line: django: middleware=sync orm=sync, then back; bad values are refused")
    func djangoScene() throws {
        let lesson = try LessonParser.parse(
            "# T\n## S\n```scenario\ndjango: middleware=sync orm=sync\n```\n## U\n```scenario\ndjango: orm=async\n```",
            name: "t", file: "t.md")
        #expect(lesson.scenes[0].django == DjangoSettings(syncMiddleware: true, syncORM: true))
        #expect(
            lesson.scenes[1].django == DjangoSettings(syncMiddleware: true, syncORM: false),
            "a step changes what it names")
        #expect(throws: LessonFileError.self) {
            try LessonParser.parse("# T\n## S\n```scenario\ndjango: middleware=async\n```", name: "t", file: "t.md")
        }
        #expect(throws: LessonFileError.self) {
            try LessonParser.parse("# T\n## S\n```scenario\ndjango: views=sync\n```", name: "t", file: "t.md")
        }
    }

    @Test("shedding load is a scene setting: async: limit=20, lifted by limit=none; limit=0 is refused")
    func asyncLimit() throws {
        let lesson = try LessonParser.parse(
            "# T\n## S\n```scenario\nasync: handler=offload limit=20\n```\n## U\n```scenario\nasync: limit=none\n```",
            name: "t", file: "t.md")
        #expect(lesson.scenes[0].asyncLimit == 20 && lesson.scenes[1].asyncLimit == nil)
        #expect(throws: LessonFileError.self) {
            try LessonParser.parse("# T\n## S\n```scenario\nasync: limit=0\n```", name: "t", file: "t.md")
        }
    }

    @Test("how the loops share the door is a scene setting: async: door=reuseport; a wrong word names the choices")
    func asyncDoor() throws {
        let lesson = try LessonParser.parse(
            "# T\n## S\n```scenario\nasync: loops=2 door=reuseport\n```\n## U\n```scenario\nasync: door=shared\n```",
            name: "t", file: "t.md")
        #expect(lesson.scenes[0].asyncDoor == .reuseport && lesson.scenes[0].loops == 2)
        #expect(lesson.scenes[1].asyncDoor == .shared)
        #expect {
            try LessonParser.parse("# T\n## S\n```scenario\nasync: door=split\n```", name: "t", file: "t.md")
        } throws: { error in
            "\(error)".contains("t.md:4") && "\(error)".contains("shared or reuseport")
        }
    }

    @Test("teacher's notes are ignored, on one line or several; a ceiling check waits 3 s unless told")
    func notesAndAfter() throws {
        let lesson = try LessonParser.parse(
            "# T\n<!-- Facts: from LESSON-FACTS.md -->\n## S\n<!--\nA note\nover lines\n-->\nWords.\n"
                + "```check\nasync.served_per_s <= 11\nsync.reading >= 4 after 2s\nmachine_cores < 1.9\n```",
            name: "t", file: "t.md")
        #expect(lesson.steps[0].narration == "Words.")
        #expect(lesson.steps[0].checks.map(\.after) == [.seconds(3), .seconds(2), .seconds(3)])
    }

    @Test("a fresh scene drawn from a seed fills the words, and answer: theory is worked out from it")
    func freshScene() throws {
        let text = """
            # T
            ## New
            ```scenario
            fresh: seed=7
            ```
            {workers} baristas, {brew_ms} ms, {rate}/s.
            ```predict
            Sync cups per second?
            measure: sync.served_per_s
            answer: theory
            ---
            {workers} ÷ {brew_s} s = {sync_capacity}; {answer} served.
            ```
            ```check
            sync.served_per_s >= 0.5 * theory
            ```
            """
        let lesson = try LessonParser.parse(text, name: "t", file: "t.md")
        let scene = lesson.scenes[0]
        #expect(scene == FreshScene.draw(seed: 7, over: Scenario()), "the same seed, the same scene")
        #expect((2...6).contains(scene.syncWorkers) && scene.asyncHandler == .await)
        let capacity = Double(scene.syncWorkers) * 1000 / Double(scene.brewMilliseconds)
        let served = min(capacity, scene.ratePerSecond)
        #expect(
            lesson.steps[0].narration
                == "\(scene.syncWorkers) baristas, \(scene.brewMilliseconds) ms, \(SceneWords.plain(scene.ratePerSecond))/s."
        )
        #expect(lesson.steps[0].prediction?.numericAnswer == (served * 10).rounded() / 10)
        #expect(lesson.steps[0].prediction?.explanation.hasSuffix("; \(SceneWords.plain(served)) served.") == true)
        #expect(lesson.steps[0].checks[0].bound == .number(0.5 * (served * 10).rounded() / 10))
        #expect(
            FreshScene.draw(seed: 8, over: Scenario()) != scene || FreshScene.draw(seed: 9, over: Scenario()) != scene)
    }

    /// Broken files and the line each error must name.
    static let brokenFiles: [(String, Int, String)] = [
        ("no title here\n## Step", 1, "starts with a '# Title'"),
        ("# T\n## S\n```scenario\nsync: baristas=4\n```", 4, "unknown sync setting 'baristas'"),
        ("# T\n## S\n```scenario\nload: rate=fast\n```", 4, "rate must be"),
        ("# T\n## S\n```scenario\ncafe: workers=4\n```", 4, "unknown scenario line 'cafe:'"),
        ("# T\n## S\n\n```check\nsync.cups >= 3\n```", 5, "unknown metric 'sync.cups'"),
        ("# T\n## S\n```check\nsync.awaiting > 3\n```", 4, "could never be evaluated"),
        ("# T\n## S\n```check\nsync.served_per_s about 3\n```", 4, "cannot read the check"),
        ("# T\n## S\n```predict\nHow many?\nmeasure: sync.served_per_s\n```", 3, "needs 'answer: …'"),
        ("# T\n## S\n```predict\nWhich?\nchoices: a | b\nanswer: c\n```", 3, "not one of the choices"),
        ("# T\n## S\n```scenario\nsync: workers=4\n", 3, "never closed"),
        ("# T\n## S\n```recipe\n```", 3, "unknown block 'recipe'"),
        ("# T\n<!-- minutes: soon -->\n## S", 2, "minutes must be"),
        ("# T\n# U", 2, "one '# Title'"),
        ("# T\n## S\n<!-- atuo: 20s -->", 3, "unknown setting 'atuo'"),
        (
            "# T\n## S\n```scenario\nload: rate=80/s\n```\n```predict\nWait?\nmeasure: sync.p50_ms\nanswer: theory\n```",
            6, "the theory gives no number"
        ),
        ("# T\n## S\n```predict\nCups?\nanswer: theory\n```", 3, "needs 'measure: METRIC'"),
        ("# T\n## S\n```scenario\nload: slow-for=5s\n```", 4, "given with slow="),
        ("# T\n## S\n```scenario\nload: slow=120%\n```", 4, "slow must be"),
        ("# T\njust words", 2, "at least one '## Step'"),
    ]

    @Test("a broken file names its line and what is wrong", arguments: 0..<brokenFiles.count)
    func broken(index: Int) {
        let (text, line, words) = Self.brokenFiles[index]
        #expect {
            _ = try LessonParser.parse(text, name: "broken", file: "broken.md")
        } throws: { error in
            guard let error = error as? LessonFileError else { return false }
            return error.line == line && error.description.hasPrefix("broken.md:\(line): ")
                && error.description.contains(words)
        }
    }

    /// The first line of the error `text` gives, as `lessons --check` prints it.
    static func message(_ text: String) -> String {
        do {
            _ = try LessonParser.parse(text, name: "broken", file: "broken.md")
            return "parsed"
        } catch {
            return error.description
        }
    }

    @Test("an error in a step names the step by number and heading after file:line; before the first step, none")
    func namesStep() {
        let metric = Self.message("# T\n## First\nWords.\n## Four baristas who wait\n```check\nsync.foo > 1\n```")
        #expect(
            metric.hasPrefix("broken.md:6: step 2 \"Four baristas who wait\": unknown metric 'sync.foo'"), "\(metric)")
        let unclosed = Self.message("# T\n## Only\n```scenario\nsync: workers=4\n")
        #expect(unclosed.hasPrefix("broken.md:3: step 1 \"Only\": the 'scenario' block is never closed"), "\(unclosed)")
        // Found only once the scenes are worked out, after every line was read: still placed by its line.
        let theory = Self.message(
            "# T\n## A\n## B\n```scenario\nload: rate=80/s\n```\n```predict\nWait?\nmeasure: sync.p50_ms\nanswer: theory\n```"
        )
        #expect(theory.hasPrefix("broken.md:7: step 2 \"B\": the theory gives no number"), "\(theory)")
        let early = Self.message("# T\n<!-- minutes: soon -->\n## S")
        #expect(early.hasPrefix("broken.md:2: minutes must be"), "\(early)")
    }
}
