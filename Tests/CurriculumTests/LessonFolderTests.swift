import Foundation
import TestSupport
import Testing

@testable import Curriculum

/// Every lesson of the package's `Lessons/` folder, read as the player reads it: a new lesson is tested by being
/// added to the folder.
@Suite("The Lessons folder", .onOwnThreads)
struct LessonFolderTests {
    /// `Lessons/` of this package, found from this file: Tests/CurriculumTests/ → the package root.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")

    static let library = LessonLibrary(directory: folder)

    static func lessons() throws -> [Lesson] {
        try library.names.map { try library.lesson(named: $0) }
    }

    @Test("the folder has the lessons the course is built on")
    func folderHasTheLessons() {
        let names = Set(Self.library.names)
        for name in ["sync", "async", "blocking", "cpu", "overload", "latency", "django", "classroom"] {
            #expect(names.contains(name), "Lessons/\(name).md is missing")
        }
        #expect(!names.contains("README"), "the folder's guide is not a lesson")
    }

    @Test("every lesson parses", arguments: LessonFolderTests.library.names)
    func parses(name: String) {
        #expect(throws: Never.self) { try Self.library.lesson(named: name) }
    }

    @Test("every lesson has a title, a summary, minutes and 5 to 12 steps", arguments: LessonFolderTests.library.names)
    func shape(name: String) throws {
        let lesson = try Self.library.lesson(named: name)
        #expect(!lesson.title.isEmpty, "\(name): no title")
        #expect(!lesson.summary.isEmpty, "\(name): no <!-- summary: … -->")
        #expect(lesson.minutes > 0, "\(name): minutes")
        #expect((5...12).contains(lesson.steps.count), "\(name): \(lesson.steps.count) steps, not 5–12")
    }

    @Test("every step has a heading and narration", arguments: LessonFolderTests.library.names)
    func steps(name: String) throws {
        let lesson = try Self.library.lesson(named: name)
        for (index, step) in lesson.steps.enumerated() {
            #expect(!step.heading.isEmpty, "\(name) step \(index + 1): no heading")
            #expect(
                !step.narration.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "\(name) step \(index + 1) '\(step.heading)' (line \(step.line)): no narration")
        }
    }

    @Test(
        "every prediction has an answer, and a choice answer is one of its choices",
        arguments: LessonFolderTests.library.names)
    func predictions(name: String) throws {
        let lesson = try Self.library.lesson(named: name)
        for step in lesson.steps {
            guard let prediction = step.prediction else { continue }
            #expect(!prediction.answer.isEmpty, "\(name) '\(step.heading)': no answer")
            if !prediction.choices.isEmpty {
                #expect(
                    prediction.choices.contains(prediction.answer), "\(name) '\(step.heading)': answer not a choice")
            }
        }
    }

    @Test("the classroom demo auto-plays in 6 to 8 minutes, every step timed")
    func classroomTiming() throws {
        let classroom = try Self.library.lesson(named: "classroom")
        for step in classroom.steps {
            #expect(step.auto != nil, "classroom '\(step.heading)': no <!-- auto: … -->")
        }
        let total = classroom.steps.compactMap(\.auto).reduce(Duration.zero, +)
        #expect(total >= .seconds(6 * 60) && total <= .seconds(8 * 60), "classroom auto-plays in \(total)")
    }

    @Test("the drafts folder is not read as lessons")
    func draftsAreNotLessons() {
        #expect(!Self.library.names.contains { $0.contains("/") || $0 == "drafts" })
    }
}
