import Curriculum
import Foundation

extension LessonLibrary {
    /// A folder inside the package's `Lessons/` (`python` for `--peers python`), found the way the lessons are:
    /// above the built binary, else `./Lessons`; nil when there is no Lessons folder at all.
    public static func packageFolder(_ name: String) -> String? {
        let library = try? locate(
            given: nil, executable: URL(fileURLWithPath: Supervisor.currentExecutable),
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return library?.directory.appendingPathComponent(name).path
    }
}
