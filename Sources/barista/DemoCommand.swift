import ArgumentParser
import CafeHTTP
import Curriculum
import Foundation

/// `barista demo [NAME]`: a lesson that plays itself for a projector (by default `Lessons/classroom.md`), pausing
/// when the teacher presses space; headless, a rehearsal with a table per step.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The scripted classroom demo: a lesson that plays itself (default: classroom).",
        discussion: "Keys: space pause/resume the script (the cafés keep running), → or . next, ← back, h hint, q quit; the café keys keep working.")

    @Argument(help: "The lesson to play (a file NAME.md of the lessons folder).") var name = "classroom"
    @OptionGroup var demo: DemoFlags
    @OptionGroup var lesson: LessonFlags
    @OptionGroup var flags: ShowFlags

    func validate() throws {
        guard demo.speed > 0, demo.speed <= 100 else { throw ValidationError("--speed must be above 0 and at most 100, not \(demo.speed)") }
        if demo.loop && lesson.headless { throw ValidationError("--loop needs a screen (a headless rehearsal ends)") }
        if demo.json && !lesson.headless { throw ValidationError("--json goes with --headless") }
    }

    func run() throws {
        var flags = flags
        flags.lessonName = name
        let status = try ShowCommand.run(flags, lesson: lesson, demo: demo)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The flags of the demo: how fast the script goes, looping, the projector layout, JSON, and what to write.
struct DemoFlags: ParsableArguments {
    @Option(help: "Play the script this many times faster (the cafés' physics stay real).") var speed = 1.0
    @Flag(help: "Start again at the end (an open day).") var loop = false
    @Flag(help: "A presentation layout for projectors: fewer, larger figures (needs 100×30).") var big = false
    @Flag(help: "With --headless: print the steps and figures as JSON.") var json = false

    /// Checks the outputs before the cafés start (nothing is half-written later); wired in by the recording work.
    func prepareOutputs() throws -> DemoOutputs? { nil }

    /// The rehearsal as JSON: every step's record and the verdict.
    static func json(_ outcome: HeadlessLesson.Outcome, lesson: Lesson) -> String {
        struct Report: Encodable {
            var lesson: String
            var title: String
            var passed: Bool
            var checksPassed: Int
            var checks: Int
            var failed: [String]
            var steps: [StepRecord]
        }
        let report = Report(
            lesson: lesson.name, title: lesson.title, passed: outcome.passed, checksPassed: outcome.passedChecks,
            checks: outcome.totalChecks, failed: outcome.failed, steps: outcome.records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Where the demo writes its recording and its report, made ready before the cafés start.
struct DemoOutputs {
    func finish(_ records: [StepRecord], lesson: Lesson) throws {}
}
