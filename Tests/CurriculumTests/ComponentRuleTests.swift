import Foundation
import TestSupport
import Testing

@testable import Curriculum

/// `lessons --check` refuses words about a real server the lesson does not run: small broken lessons, each named
/// by its `file:line`.
@Suite("A lesson names only what runs", .onOwnThreads)
struct ComponentRuleTests {
    /// A one-step lesson with `words` as its narration and `header` before the step.
    static func lesson(_ words: String, header: String = "", heading: String = "A step") -> String {
        """
        # Honest
        \(header)

        ## \(heading)

        ```scenario
        load: rate=10/s
        ```

        \(words)
        """
    }

    static func error(_ text: String) -> LessonFileError? {
        do {
            _ = try LessonParser.parse(text, name: "honest", file: "honest.md")
            return nil
        } catch {
            return error
        }
    }

    @Test("narration naming gunicorn on barista's cafés is an error at its line and step")
    func namesGunicorn() throws {
        let error = try #require(Self.error(Self.lesson("Four baristas, like four gunicorn sync workers.")))
        #expect(error.reason == .componentNotRunning("gunicorn"))
        #expect(error.line == 10)
        #expect(error.step?.number == 1)
        #expect(error.description.hasPrefix("honest.md:10: step 1 \"A step\": names gunicorn"))
        #expect(error.description.contains("<!-- peers: python -->"))
    }

    @Test(
        "each real component is caught, in any case and with a possessive",
        arguments: [
            ("nginx reads the whole request first.", "nginx"),
            ("uvicorn's loop takes the next order.", "uvicorn"),
            ("A DJANGO view waits for its database.", "Django"),
            ("Run it with `-k uvicorn_worker.UvicornWorker`.", "uvicorn"),
        ])
    func eachComponent(words: String, component: String) throws {
        let error = try #require(Self.error(Self.lesson(words)))
        #expect(error.reason == .componentNotRunning(component))
    }

    @Test("a heading is read with the paragraph after it")
    func heading() throws {
        let error = try #require(Self.error(Self.lesson("The door fills.", heading: "nginx in front")))
        #expect(error.reason == .componentNotRunning("nginx"))
        #expect(error.line == 4)
    }

    @Test("a question, an explanation and a hint are read too")
    func predictAndHint() throws {
        let question = Self.lesson(
            """
            The door fills.

            ```predict
            How many cups will gunicorn serve?
            measure: sync.served_per_s
            answer: 10
            ```
            """)
        #expect(try #require(Self.error(question)).line == 13)
        let explanation = Self.lesson(
            """
            ```predict
            How many cups?
            measure: sync.served_per_s
            answer: 10
            ---
            Ten, as uvicorn would.
            ```
            """)
        #expect(try #require(Self.error(explanation)).reason == .componentNotRunning("uvicorn"))
        let hint = Self.lesson(
            """
            ```hint
            nginx would read it first.
            ```
            """)
        #expect(try #require(Self.error(hint)).reason == .componentNotRunning("nginx"))
    }

    @Test("a paragraph that says the café plays it, or that it is not running, passes")
    func disclaimed() {
        #expect(
            Self.error(
                Self.lesson(
                    "The sync café plays four gunicorn sync workers, as threads of one process where gunicorn starts processes."
                )) == nil)
        #expect(Self.error(Self.lesson("nginx would read the whole order first; it is not running here.")) == nil)
        #expect(Self.error(Self.lesson("The café is playing uvicorn, on SwiftNIO rather than asyncio.")) == nil)
    }

    @Test("the disclaimer must be in the same paragraph")
    func sameParagraph() throws {
        let error = try #require(
            Self.error(
                Self.lesson(
                    """
                    The sync café plays it here.

                    Four gunicorn workers.
                    """)))
        #expect(error.line == 12)
    }

    @Test("code samples, settings and teacher's comments are not read")
    func samplesAndComments() {
        #expect(
            Self.error(
                Self.lesson(
                    """
                    Copy this:

                    ```sh
                    gunicorn projectname.wsgi -w 4
                    ```

                    <!-- Facts: nginx docs, gunicorn's design. -->
                    <!--
                    uvicorn's --limit-concurrency.
                    -->
                    """)) == nil)
        #expect(Self.error(Self.lesson("The door.", header: "<!-- Teacher's note: gunicorn and nginx. -->")) == nil)
    }

    @Test("a lesson that runs the Python peers may name gunicorn and uvicorn, not Django or nginx")
    func peersHeader() throws {
        let header = "<!-- peers: python -->"
        let lesson = try LessonParser.parse(
            Self.lesson("gunicorn's sync workers and uvicorn's loop.", header: header), name: "honest",
            file: "honest.md")
        #expect(lesson.peers == "python")
        #expect(
            try #require(Self.error(Self.lesson("A Django view.", header: header))).reason
                == .componentNotRunning("Django"))
        #expect(
            try #require(Self.error(Self.lesson("nginx in front.", header: header))).reason
                == .componentNotRunning("nginx"))
        #expect(Self.error(Self.lesson("A Django view on gunicorn.", header: "<!-- peers: django -->")) == nil)
    }

    @Test("an unknown peers value is an error at its line")
    func unknownPeers() throws {
        let error = try #require(Self.error(Self.lesson("The door.", header: "<!-- peers: rails -->")))
        #expect(error.line == 2)
        #expect(error.reason == .badValue(key: "peers", value: "rails", expected: "django or python"))
    }

    @Test("a word that only contains a name is not the name")
    func wholeWords() {
        #expect(!ComponentRule.names("Django", in: "djangonauts"))
        #expect(ComponentRule.names("gunicorn", in: "(gunicorn)"))
    }
}

@Suite("Python's defaults and the words of a lesson", .onOwnThreads)
struct PythonDefaultsTests {
    @Test("helpers=python sets the back room to Python's default executor, min(32, cores + 4), and {helpers} says it")
    func pythonExecutor() throws {
        let text =
            "# P\n## Offload\n```scenario\nasync: handler=offload helpers=python\n```\n{helpers} threads on {cores} cores.\n"
        let lesson = try LessonParser.parse(text, name: "p", file: "p.md")
        let expected = min(32, ProcessInfo.processInfo.activeProcessorCount + 4)
        #expect(lesson.scenes[0].offloadThreads == expected)
        #expect(
            lesson.steps[0].narration == "\(expected) threads on \(ProcessInfo.processInfo.activeProcessorCount) cores."
        )
    }

    @Test("one step is '1 step'")
    func oneStep() throws {
        let lesson = try LessonParser.parse("# P\n## Only\nWords.\n", name: "p", file: "p.md")
        #expect(lesson.stepsInWords == "1 step")
    }
}
