/// Why a file of the lessons folder cannot be read as a lesson at all, or clashes with another lesson of the
/// folder: one line with its `file:line`, as `barista lessons --check` prints it
/// (`Lessons/old.md:3: this line is not UTF-8 text …`).
public struct LessonFolderError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}
