import ArgumentParser
import CafeHTTP
import Curriculum
import Runner

/// The flags that pick and play a lesson: `--lesson NAME` (on the show) or `barista lesson NAME`, where to start,
/// where the lessons are, headless play and progress.
struct LessonFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Start at this step (1 is the first).") var step = 1
    @Option(parsing: .unconditional, help: "The lessons folder (default: the package's Lessons/).") var lessonsDir:
        String?
    @Flag(
        help:
            "Play without a screen on the real cafés: narration, checks and figures as text (exit 1 if a check fails).")
    var headless = false
    @Flag(help: "Forget the lessons finished and the answers given.") var resetProgress = false

    /// The lesson, read and checked, or one line saying what is wrong (exit 2).
    func load(_ name: String) throws -> Lesson {
        do {
            return try LessonLibrary.lesson(named: name, step: step, folder: lessonsDir)
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }

    /// The student's progress (see `LessonProgress.forPlay`).
    func progress(playedByStudent: Bool) -> LessonProgress? {
        LessonProgress.forPlay(playedByStudent: playedByStudent, reset: resetProgress)
    }
}

/// `barista lesson NAME`: the same as `barista --lesson NAME`.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson", abstract: "Play a guided lesson on the live cafés (barista lessons lists them).",
        discussion:
            "Keys: n/→ next, b/← back, Enter answer, digits type it, h hint, x restart the step, ↑/↓ scroll, q quit; the café keys keep working."
    )

    @Argument(help: "The lesson's name (a file NAME.md of the lessons folder).") var name: String
    @OptionGroup var lesson: LessonFlags
    @OptionGroup var flags: ShowFlags

    func run() throws {
        var flags = flags
        flags.lessonName = name
        let status = try ShowCommand.run(flags, lesson: lesson)
        if status != 0 { throw ExitCode(status) }
    }
}
