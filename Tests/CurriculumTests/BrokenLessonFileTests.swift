import Foundation
import TestSupport
import Testing

@testable import Curriculum

#if canImport(Glibc)
import Glibc
#endif

/// `barista lessons --check` on files that are broken as files, not as lessons: each is one line naming its
/// `file:line`, never a raw NSError, and a file saved on Windows is read like any other.
@Suite("Broken lesson files", .onOwnThreads)
struct BrokenLessonFileTests {
    static let good = "# Good\n## One\nWatch.\n"

    /// A broken file, how to make it in a folder, and the line `--check` must print for it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var make: @Sendable (URL) throws -> Void
        var expected: String
        var testDescription: String { name }
    }

    static func bytes(_ name: String, _ bytes: [UInt8]) -> @Sendable (URL) throws -> Void {
        { folder in try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    }

    static func text(_ name: String, _ text: String) -> @Sendable (URL) throws -> Void {
        bytes(name, Array(text.utf8))
    }

    static let cases: [Case] = [
        Case(
            name: "Latin-1", make: bytes("latin.md", Array("# Caf".utf8) + [0xE9] + Array("\n## S\n".utf8)),
            expected: "latin.md:1: this line is not UTF-8 text"),
        Case(
            name: "binary",
            make: bytes("binary.md", Array("# T\n## S\nok\n".utf8) + [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]),
            expected: "binary.md:4: this line is not UTF-8 text"),
        Case(
            name: "NUL in narration", make: text("nul.md", "# T\n## S\nA cup\u{0} of tea.\n"),
            expected: "nul.md:3: a NUL byte (a binary file?) at column 6"),
        Case(
            name: "escape character", make: text("escape.md", "# T\n## S\n\u{1B}[31mred\n"),
            expected: "escape.md:3: the control character U+001B at column 1"),
        Case(
            name: "symlink loop",
            make: { folder in
                try FileManager.default.createSymbolicLink(
                    atPath: folder.appendingPathComponent("loop.md").path, withDestinationPath: "loop.md")
            }, expected: "loop.md:1: cannot be read: cannot open it (Too many levels of symbolic links)"),
        Case(
            name: "a folder named like a lesson",
            make: { folder in
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
            }, expected: "folder.md:1: cannot be read: it is a folder, not a file"),
        Case(
            name: "unclosed fence",
            make: text(
                "fence.md",
                "# T\n## S\nWords.\n```check\nsync.queued > 1\n\n## Next\nMore.\n```scenario\nsync: workers=2\n```\n"),
            expected: "fence.md:4: step 1 \"S\": the 'check' block is never closed with ```"),
        Case(
            name: "unclosed code sample", make: text("sample.md", "# T\n## S\nRun:\n```sh\ncurl localhost\n## Next\n"),
            expected: "sample.md:4: step 1 \"S\": the 'sh' block is never closed with ```"),
        Case(
            name: "empty step heading", make: text("empty.md", "# T\n## S\nWords.\n## \n<!-- auto: 20s -->\n"),
            expected: "empty.md:4: step 1 \"S\": an empty heading"),
        Case(
            name: "names differing only by case",
            make: { folder in
                try text("same.md", good)(folder)
                try text("Same.md", "# Same, other\n## One\nWatch.\n")(folder)
            }, expected: "same.md:1: 'same' and 'Same' differ only by case"),
        Case(
            name: "a title used twice",
            make: { folder in
                try text("first.md", good)(folder)
                try text("second.md", "<!-- a copy -->\n\n# Good\n## One\nWatch.\n")(folder)
            }, expected: "second.md:3: the title 'Good' is also "),
    ]

    @Test("each broken file is one line with file:line, and the good ones beside it still read", arguments: cases)
    func broken(_ broken: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barista-broken-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try broken.make(folder)
        let lessons = LessonLibrary(directory: folder).all()
        let errors = lessons.compactMap { lesson -> String? in
            guard case .failure(let error) = lesson.result else { return nil }
            return "\(error)"
        }
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(
            error.hasSuffix(folder.path + "/" + broken.expected) || error.contains("/" + broken.expected),
            "\(error)")
        #expect(!error.contains("\n") && !error.contains("NSCocoaErrorDomain") && !error.contains("\u{0}"), "\(error)")
    }

    @Test("an unreadable file names itself", .enabled(if: geteuid() != 0, "root reads every file"))
    func unreadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barista-broken-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret.md")
        try Self.good.write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0)
        #expect(throws: LessonFolderError.self) { try LessonLibrary(directory: folder).lesson(named: "secret") }
        let error = "\(LessonLibrary(directory: folder).all()[0].result)"
        #expect(error.contains("secret.md:1: cannot be read: cannot open it (Permission denied)"), "\(error)")
    }

    @Test("a lesson saved with CRLF line ends reads like the same lesson saved with LF")
    func crlf() throws {
        let text = """
            # Windows
            <!-- summary: saved on Windows -->
            ## One
            ```scenario
            sync: workers=2
            ```
            Two baristas.
            ```check
            sync.served_per_s >= 1 within 5s
            ```
            """
        let unix = try LessonParser.parse(text, name: "w", file: "w.md")
        let windows = try LessonParser.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), name: "w", file: "w.md")
        #expect(windows == unix)
        #expect(windows.steps.count == 1 && windows.summary == "saved on Windows" && windows.steps[0].checks.count == 1)
    }
}
