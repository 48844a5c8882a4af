import ArgumentParser
import CafeHTTP
import Curriculum
import Flags
import Runner

/// `barista lessons`: the lessons of the folder with their steps, minutes and summary, ✓ for those finished;
/// `--check` reads every one and names the `file:line` and the step of anything wrong.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List the guided lessons (or check them with --check).")

    @Flag(help: "Read every lesson and report what is wrong, with its file:line and step (exit 2 if anything is).")
    var check = false
    @Argument(help: "A lessons folder (default: the package's Lessons/).") var directory: String?
    @Option("The lessons folder (the same as the argument).") var lessonsDir: String?

    func run() throws {
        let library = try OneLineError.orExit { try LessonLibrary.locate(given: directory ?? lessonsDir) }
        if check {
            let (lines, broken) = library.checkReport()
            lines.forEach { print($0) }
            if broken > 0 { throw ExitCode(2) }
            return
        }
        let progress = LessonProgress(file: LessonProgress.defaultFile())
        progress.checkSaveable()
        progress.printWarnings()
        library.listing(progress: progress).forEach { print($0) }
    }
}
