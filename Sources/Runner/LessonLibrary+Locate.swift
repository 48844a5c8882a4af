import Curriculum
import Foundation

extension LessonLibrary {
    /// The lessons folder: `given`, else the package's `Lessons/` above the built binary, else `./Lessons`; throws
    /// where it looked when there is none.
    public static func locate(given: String?) throws -> LessonLibrary {
        try locate(
            given: given, executable: URL(fileURLWithPath: Supervisor.currentExecutable),
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// A folder inside the package's `Lessons/` (`python` for `--peers python`), found the way the lessons are:
    /// above the built binary, else `./Lessons`; nil when there is no Lessons folder at all.
    public static func packageFolder(_ name: String) -> String? {
        (try? locate(given: nil))?.directory.appendingPathComponent(name).path
    }

    /// The lesson `name` of the folder `given` (see `locate`), to be started at `step` (1 is the first); throws
    /// one line saying what is wrong: no folder, no such lesson, a broken lesson, a step it does not have.
    public static func lesson(named name: String, step: Int, folder given: String?) throws -> Lesson {
        let lesson = try locate(given: given).lesson(named: name)
        guard (1...lesson.steps.count).contains(step) else {
            throw LessonStepError(
                description: "--step must be from 1 to \(lesson.steps.count) for '\(name)', not \(step)")
        }
        return lesson
    }
}
