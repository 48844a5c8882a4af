import ArgumentParser
import Flags

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
