import ArgumentParser
import CafeHTTP
import Curriculum
import Flags

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
