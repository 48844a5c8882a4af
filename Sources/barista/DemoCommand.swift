import ArgumentParser
import CafeHTTP
import CafeModel
import Curriculum
import Foundation
import TerminalUI

/// `barista demo [NAME]`: a lesson that plays itself for a projector (by default `Lessons/classroom.md`), pausing
/// when the teacher presses space; headless, a rehearsal with a table per step.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The scripted classroom demo: a lesson that plays itself (default: classroom).",
        discussion: "Keys: space pause/resume the script (the cafés keep running), → or . next, ← back, h hint, q quit; the café keys keep working.")

    @Argument(help: "The lesson to play (a file NAME.md of the lessons folder).") var name = "classroom"
    @OptionGroup var demo: DemoFlags
    @OptionGroup var lesson: LessonFlags
    @OptionGroup var flags: ShowFlags

    func validate() throws {
        guard demo.speed > 0, demo.speed <= 100 else { throw ValidationError("--speed must be above 0 and at most 100, not \(demo.speed)") }
        if demo.loop && lesson.headless { throw ValidationError("--loop needs a screen (a headless rehearsal ends)") }
        if demo.json && !lesson.headless { throw ValidationError("--json goes with --headless") }
    }

    func run() throws {
        var flags = flags
        flags.lessonName = name
        let status = try ShowCommand.run(flags, lesson: lesson, demo: demo)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The flags of the demo: how fast the script goes, looping, the projector layout, JSON, and what to write.
struct DemoFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Play the script this many times faster (the cafés' physics stay real).") var speed = 1.0
    @Flag(help: "Start again at the end (an open day).") var loop = false
    @Flag(help: "A presentation layout for projectors: fewer, larger figures (needs 100×30).") var big = false
    @Flag(help: "With --headless: print the steps and figures as JSON.") var json = false

    @Option(parsing: .unconditional, help: "Write the session as an asciicast v2 recording (asciinema play FILE.cast), with a marker per step.")
    var record: String?
    @Flag(help: "Let --record replace an existing recording.") var force = false
    @Option(parsing: .unconditional, help: "After the run, write a Markdown report with one SVG chart per step into this (new or empty) folder.")
    var report: String?

    /// Checks the outputs before the cafés start, so a bad path is one line and nothing is half-written later.
    func prepareOutputs() throws -> DemoOutputs? {
        guard record != nil || report != nil else { return nil }
        do {
            if let record {
                // Opened once to prove the path is writable, then opened again at the terminal's size.
                try AsciicastWriter(path: record, width: 80, height: 24, title: "barista", overwrite: force).cancel()
            }
            return DemoOutputs(
                recordPath: record, overwrite: force, report: try report.map { try DemoReport.prepare(at: $0) })
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }

    /// The rehearsal as JSON: every step's record and the verdict.
    static func json(_ outcome: HeadlessLesson.Outcome, lesson: Lesson) -> String {
        struct Report: Encodable {
            var lesson: String
            var title: String
            var passed: Bool
            var checksPassed: Int
            var checks: Int
            var failed: [String]
            var steps: [StepRecord]
        }
        let report = Report(
            lesson: lesson.name, title: lesson.title, passed: outcome.passed, checksPassed: outcome.passedChecks,
            checks: outcome.totalChecks, failed: outcome.failed, steps: outcome.records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Where the demo writes its recording and its report, made ready before the cafés start: the screen as an
/// asciicast (only the cells that changed, a marker at each step) and, at the end, the report.
final class DemoOutputs {
    let recordPath: String?
    let report: DemoReport?
    /// `--force`: an existing recording may be replaced.
    let overwrite: Bool
    private var writer: AsciicastWriter?
    private var previous: Canvas?
    private var step = 0
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant?

    init(recordPath: String?, overwrite: Bool, report: DemoReport?) {
        self.recordPath = recordPath
        self.overwrite = overwrite
        self.report = report
    }

    /// One drawn screen: the cells that changed since the last, and a marker when a new step began.
    func record(_ canvas: Canvas, lesson: LessonPanel?, title: String) {
        guard let recordPath else { return }
        let now = clock.now
        let elapsed = (started ?? now).duration(to: now)
        if started == nil { started = now }
        if writer == nil {
            writer = try? AsciicastWriter(
                path: recordPath, width: canvas.width, height: canvas.height, title: title, overwrite: overwrite)
        }
        guard let writer else { return }
        if let previous, previous.width != canvas.width || previous.height != canvas.height {
            writer.resize(width: canvas.width, height: canvas.height, at: elapsed)
            self.previous = nil
        }
        if let lesson, lesson.step != step {
            step = lesson.step
            writer.marker("\(lesson.step). \(lesson.heading)", at: elapsed)
        }
        writer.output(CanvasANSI.difference(from: previous, to: canvas), at: elapsed)
        previous = canvas
    }

    /// Closes the recording (renamed into place) and writes the report.
    func finish(_ records: [StepRecord], lesson: Lesson) throws {
        do {
            try writer?.finish()
            try report?.write(title: lesson.title, steps: records)
        } catch {
            StderrLog.barista("\(error)")
            throw ExitCode(2)
        }
    }
}
