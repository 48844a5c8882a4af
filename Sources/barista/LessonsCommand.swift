import ArgumentParser
import CafeHTTP
import Curriculum
import Foundation
import Runner

/// `barista lessons`: the lessons of the folder with their steps, minutes and summary, ✓ for those finished;
/// `--check` reads every one and names the `file:line` and the step of anything wrong.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List the guided lessons (or check them with --check).")

    @Flag(help: "Read every lesson and report what is wrong, with its file:line and step (exit 2 if anything is).")
    var check = false
    @Argument(help: "A lessons folder (default: the package's Lessons/).") var directory: String?
    @Option(parsing: .unconditional, help: "The lessons folder (the same as the argument).") var lessonsDir: String?

    func run() throws {
        let library = try LessonLibrary.locateOrExit(given: directory ?? lessonsDir)
        let lessons = library.all()
        if check {
            var broken = 0
            for (name, result) in lessons {
                switch result {
                case .success(let lesson): print("ok    \(name): \(lesson.stepsInWords)")
                case .failure(let error):
                    broken += 1
                    print("error \(error)")
                }
            }
            if broken > 0 { throw ExitCode(2) }
            return
        }
        let progress = LessonProgress(file: LessonProgress.defaultFile())
        progress.checkSaveable()
        progress.printWarnings()
        print("Lessons in \(library.directory.path) — play one with: barista --lesson NAME\n")
        for (name, result) in lessons {
            switch result {
            case .success(let lesson):
                let record = progress.record(for: LessonProgress.key(folder: library.directory, name: name))
                let done = record.isFinished ? "✓" : " "
                let steps = lesson.stepsInWords.padding(toLength: 9, withPad: " ", startingAt: 0)
                print("\(done) \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(steps) \(lesson.minutes) min  \(lesson.title)")
                if !lesson.summary.isEmpty { print("                 \(lesson.summary)") }
            case .failure(let error):
                print("! \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) cannot be played: \(error)")
            }
        }
    }
}

extension LessonLibrary {
    /// The lessons folder, or one line saying where it looked and exit 2.
    static func locateOrExit(given: String?) throws -> LessonLibrary {
        do {
            return try locate(
                given: given, executable: URL(fileURLWithPath: Supervisor.currentExecutable),
                currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }
}
