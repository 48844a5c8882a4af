import Foundation
import TerminalUI
import Testing

@testable import Curriculum

/// The demo's recorder: what it writes, and a recording that cannot be opened when the show draws its first screen
/// (the folder went away after `prepare` checked it) is said, naming the file and why — never dropped in silence.
@Suite("The demo's recorder")
struct DemoOutputsTests {
    static let lesson = try! LessonParser.parse(
        """
        # Recorded
        ## One
        Nothing to check.
        """, name: "recorded", file: "recorded.md")

    static func screen(_ text: String) -> Canvas {
        var canvas = Canvas(width: 30, height: 4)
        canvas.write(text, x: 0, y: 0)
        return canvas
    }

    @Test("prepared, recorded and finished: the recording is at the path, at the first screen's size")
    func recordsAtTheFirstScreensSize() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/demo.cast"
        let outputs = try #require(try DemoOutputs.prepare(record: path, overwrite: false, report: nil))
        outputs.record(Self.screen("first"), lesson: nil, title: "Recorded")
        outputs.record(Self.screen("second"), lesson: nil, title: "Recorded")
        try outputs.finish([], lesson: Self.lesson)
        #expect(outputs.openFailure == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first)
        #expect(header.contains("\"width\": 30") && header.contains("\"height\": 4"), "header: \(header)")
        #expect(text.contains("second"), "the second screen's cells are in the recording:\n\(text)")
    }

    @Test("a recording that cannot be opened at the first screen: finish throws it, naming the file and why")
    func unopenableRecordingIsSaid() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/demo.cast"
        let outputs = try #require(try DemoOutputs.prepare(record: path, overwrite: false, report: nil))
        // The folder goes away between the check before the cafés start and the first screen.
        folder.remove()
        outputs.record(Self.screen("first"), lesson: nil, title: "Recorded")
        outputs.record(Self.screen("second"), lesson: nil, title: "Recorded")
        let failure = try #require(outputs.openFailure)
        guard case .unwritable(let named, let reason) = failure else {
            Issue.record("expected .unwritable, got \(failure)")
            return
        }
        #expect(named == path)
        #expect(reason.contains("No such file"), "the reason says why: \(reason)")
        #expect(throws: DemoOutputError.self) { try outputs.finish([], lesson: Self.lesson) }
        #expect("\(failure)".hasPrefix("cannot write \(path): "), "one line naming the file: \(failure)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("the report is still written when the recording could not be opened")
    func reportSurvivesAFailedRecording() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let gone = try ScratchFolder()
        let path = gone.path + "/demo.cast"
        let report = folder.path + "/report"
        let outputs = try #require(try DemoOutputs.prepare(record: path, overwrite: false, report: report))
        gone.remove()
        outputs.record(Self.screen("first"), lesson: nil, title: "Recorded")
        #expect(throws: DemoOutputError.self) { try outputs.finish([], lesson: Self.lesson) }
        #expect(FileManager.default.fileExists(atPath: report + "/report.md"), "the report is written all the same")
    }
}
