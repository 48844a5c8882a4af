import ArgumentParser
import CafeHTTP
import Curriculum

/// `barista demo [NAME]`: a lesson that plays itself for a projector (by default `Lessons/classroom.md`), pausing
/// when the teacher presses space; headless, a rehearsal with a table per step.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The scripted classroom demo: a lesson that plays itself (default: classroom).",
        discussion:
            "Keys: space pause/resume the script (the cafés keep running), → or . next, ← back, h hint, q quit; the café keys keep working."
    )

    @Argument(help: "The lesson to play (a file NAME.md of the lessons folder).") var name = "classroom"
    @OptionGroup var demo: DemoFlags
    @OptionGroup var lesson: LessonFlags
    @OptionGroup var flags: ShowFlags

    func validate() throws {
        guard demo.speed > 0, demo.speed <= 100 else {
            throw ValidationError("--speed must be above 0 and at most 100, not \(demo.speed)")
        }
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
    @Option(parsing: .unconditional, help: "Play the script this many times faster (the cafés' physics stay real).")
    var speed = 1.0
    @Flag(help: "Start again at the end (an open day).") var loop = false
    @Flag(help: "A presentation layout for projectors: fewer, larger figures (needs 100×30).") var big = false
    @Flag(help: "With --headless: print the steps and figures as JSON.") var json = false

    @Option(
        parsing: .unconditional,
        help: "Write the session as an asciicast v2 recording (asciinema play FILE.cast), with a marker per step.")
    var record: String?
    @Flag(help: "Let --record replace an existing recording.") var force = false
    @Option(
        parsing: .unconditional,
        help: "After the run, write a Markdown report with one SVG chart per step into this (new or empty) folder.")
    var report: String?

    /// Checks the outputs before the cafés start, so a bad path is one line and nothing is half-written later.
    func prepareOutputs() throws -> DemoOutputs? {
        do {
            return try DemoOutputs.prepare(record: record, overwrite: force, report: report)
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }
}
