import CafeModel
import Foundation
import Testing

@testable import Curriculum

/// `code: show|hide` in a step's scene: the code panel as a setting a step names, kept for the steps after.
@Suite("A lesson step shows the code")
struct CodeSceneTests {
    @Test("code: show holds until a step says code: hide; a wrong word names file:line and the choices")
    func codeSetting() throws {
        let lesson = try LessonParser.parse(
            "# T\n## S\n```scenario\ncode: show\n```\n## U\nwords\n## V\n```scenario\ncode: hide\n```",
            name: "t", file: "t.md")
        #expect(lesson.scenes.map(\.showCode) == [true, true, false])
        do {
            _ = try LessonParser.parse("# T\n## S\n```scenario\ncode: maybe\n```", name: "t", file: "t.md")
            Issue.record("code: maybe was accepted")
        } catch {
            #expect(error.description.contains("t.md:4"), "\(error)")
            #expect(error.description.contains("code must be show or hide, not 'maybe'"), "\(error)")
        }
    }

    /// The package's own lessons, as `barista lessons --check` reads them.
    static func lesson(_ name: String) throws -> Lesson {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Lessons/\(name).md"), encoding: .utf8)
        return try LessonParser.parse(text, name: name, file: "\(name).md")
    }

    @Test("async, blocking and the classroom demo show the code where it matters: the buzzer, the mistake, the fix")
    func lessonsShowTheCode() throws {
        func shown(_ name: String) throws -> [String] {
            let lesson = try Self.lesson(name)
            return zip(lesson.steps, lesson.scenes).filter { $0.1.showCode }.map(\.0.heading)
        }
        let async = try shown("async")
        for heading in ["One barista with buzzers", "The blocking mistake", "The fix: a back room"] {
            #expect(async.contains(heading), "async: \(async)")
        }
        #expect(!async.contains("Four baristas who wait") && !async.contains("When to choose which"), "\(async)")
        let blocking = try shown("blocking")
        #expect(
            blocking.contains("One call that does not await") && blocking.contains("The fix: offload to a back room"))
        let classroom = try shown("classroom")
        for heading in ["One barista with buzzers", "The blocking mistake", "The fix: a back room"] {
            #expect(classroom.contains(heading), "classroom: \(classroom)")
        }
    }
}
