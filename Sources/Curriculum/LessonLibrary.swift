import Foundation

/// The folder of lessons: where it is (`--lessons-dir`, else the `Lessons/` folder of the package the binary was
/// built in, else `./Lessons`), what is in it, and each lesson read and checked.
public struct LessonLibrary: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Why no lesson folder was found: where it looked.
    public struct NotFound: Error, CustomStringConvertible {
        public var looked: [String]
        public var description: String {
            "no Lessons folder: looked in \(looked.joined(separator: ", ")); give one with --lessons-dir DIR"
        }
    }

    /// A lesson that is not in the folder.
    public struct UnknownLesson: Error, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var directory: String
        public var description: String {
            "no lesson '\(name)' in \(directory); there are: \(known.joined(separator: ", "))"
        }
    }

    /// The folder to use: the one given, or the package's `Lessons/` found above the binary, or `./Lessons`.
    public static func locate(given: String?, executable: URL, currentDirectory: URL) throws -> LessonLibrary {
        if let given {
            let url = URL(fileURLWithPath: given, relativeTo: currentDirectory).standardizedFileURL
            guard isDirectory(url) else { throw NotFound(looked: [url.path]) }
            return LessonLibrary(directory: url)
        }
        var looked: [String] = []
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Lessons")
            if isDirectory(candidate) && FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return LessonLibrary(directory: candidate)
            }
            folder = folder.deletingLastPathComponent()
        }
        looked.append("the folders above \(executable.deletingLastPathComponent().path)")
        let local = currentDirectory.appendingPathComponent("Lessons")
        if isDirectory(local) { return LessonLibrary(directory: local) }
        looked.append(local.path)
        throw NotFound(looked: looked)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    /// The lesson names in the folder, sorted (README.md is the folder's guide, not a lesson).
    public var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0 != "README.md" }.map { String($0.dropLast(3)) }.sorted()
    }

    /// Reads one lesson; a broken file throws its `file:line` error.
    public func lesson(named name: String) throws -> Lesson {
        guard names.contains(name) else {
            throw UnknownLesson(name: name, known: names, directory: directory.path)
        }
        let url = directory.appendingPathComponent(name + ".md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try LessonParser.parse(text, name: name, file: relativePath(url))
    }

    /// Every lesson, each read or with the error that stops it.
    public func all() -> [(name: String, result: Result<Lesson, any Error>)] {
        names.map { name in (name, Result { try lesson(named: name) }) }
    }

    /// The path as a teacher would type it: relative to the current directory when under it.
    private func relativePath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(current) ? String(url.path.dropFirst(current.count)) : url.path
    }
}
