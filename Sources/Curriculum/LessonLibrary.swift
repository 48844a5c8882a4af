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
            if isDirectory(candidate)
                && FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
            {
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
        let file = relativePath(url(of: name))
        var lesson = try LessonParser.parse(try text(of: name), name: name, file: file)
        lesson.folder = directory.path
        return lesson
    }

    /// Every lesson, each read or with the error that stops it; a lesson whose name differs from another's only
    /// by case, or whose title is another's, is an error too (the list could not tell them apart).
    public func all() -> [(name: String, result: Result<Lesson, any Error>)] {
        var lessons = names.map { name in (name: name, result: Result<Lesson, any Error> { try lesson(named: name) }) }
        var names: [String: String] = [:], titles: [String: String] = [:]
        for index in lessons.indices {
            let name = lessons[index].name, file = relativePath(url(of: name))
            if let other = names[name.lowercased()] {
                lessons[index].result = .failure(
                    LessonFolderError(
                        file: file, line: 1,
                        reason: "'\(name)' and '\(other)' differ only by case: rename one (--lesson cannot tell "
                            + "them apart, and they are one file on macOS and Windows)"))
                continue
            }
            names[name.lowercased()] = name
            guard case .success(let lesson) = lessons[index].result else { continue }
            if let other = titles[lesson.title] {
                lessons[index].result = .failure(
                    LessonFolderError(
                        file: file, line: lesson.titleLine,
                        reason: "the title '\(lesson.title)' is also \(other)'s: give each lesson its own"))
                continue
            }
            titles[lesson.title] = file
        }
        return lessons
    }

    private func url(of name: String) -> URL { directory.appendingPathComponent(name + ".md") }

    /// The lesson's text, or the first line that is not text: bytes that are not UTF-8 (a Latin-1 or binary
    /// file), a NUL or another control character; a file that cannot be read at all names line 1.
    func text(of name: String) throws(LessonFolderError) -> String {
        let file = relativePath(url(of: name))
        let bytes: Data?
        do {
            bytes = try FileBytes.read(url(of: name).path)
        } catch {
            throw LessonFolderError(file: file, line: 1, reason: "cannot be read: \(error)")
        }
        guard let bytes else { throw LessonFolderError(file: file, line: 1, reason: "cannot be read: it is gone") }
        let data = Array(bytes)
        var lines: [String] = []
        for (index, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw LessonFolderError(
                    file: file, line: index + 1,
                    reason: "this line is not UTF-8 text (a Latin-1 or binary file?); save the lesson as UTF-8")
            }
            for (column, scalar) in line.unicodeScalars.enumerated() where Self.isControl(scalar) {
                let what =
                    scalar.value == 0
                    ? "a NUL byte (a binary file?)"
                    : "the control character U+"
                        + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                throw LessonFolderError(file: file, line: index + 1, reason: "\(what) at column \(column + 1)")
            }
            lines.append(line)
        }
        var text = lines.joined(separator: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte-order mark some editors write
        return text
    }

    /// Not text a lesson can show: C0 controls but tab (and the carriage return of a CRLF line end), and DEL.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F
    }

    /// The path as a teacher would type it: relative to the current directory when under it.
    private func relativePath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(current) ? String(url.path.dropFirst(current.count)) : url.path
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
