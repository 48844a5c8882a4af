import CafeModel
import TerminalUI

/// Where the demo writes its recording and its report, made ready before the cafés start: the screen as an
/// asciicast (only the cells that changed, a marker at each step) and, at the end, the report.
///
/// The recording is opened at the first screen's size. If it cannot be opened then (the folder went away, a file
/// appeared there since `prepare`), nothing is recorded and `finish` throws why, naming the file: never a recording
/// dropped without a word.
public final class DemoOutputs {
    public let recordPath: String?
    public let report: DemoReport?
    /// `--force`: an existing recording may be replaced.
    public let overwrite: Bool
    private var writer: AsciicastWriter?
    /// Why the recording could not be opened at the first screen; `finish` throws it.
    public private(set) var openFailure: DemoOutputError?
    private var previous: Canvas?
    private var step = 0
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant?

    public init(recordPath: String?, overwrite: Bool, report: DemoReport?) {
        self.recordPath = recordPath
        self.overwrite = overwrite
        self.report = report
    }

    /// Checks the outputs before the cafés start, so a bad path is found at once and nothing is half-written
    /// later; nil when nothing is to be written.
    public static func prepare(record: String?, overwrite: Bool, report: String?) throws -> DemoOutputs? {
        guard record != nil || report != nil else { return nil }
        if let record {
            // Opened once to prove the path is writable, then opened again at the terminal's size.
            try AsciicastWriter(path: record, width: 80, height: 24, title: "barista", overwrite: overwrite).cancel()
        }
        return DemoOutputs(
            recordPath: record, overwrite: overwrite, report: try report.map { try DemoReport.prepare(at: $0) })
    }

    /// One drawn screen: the cells that changed since the last, and a marker when a new step began.
    public func record(_ canvas: Canvas, lesson: LessonPanel?, title: String) {
        guard let recordPath, openFailure == nil else { return }
        let now = clock.now
        let elapsed = (started ?? now).duration(to: now)
        if started == nil { started = now }
        if writer == nil {
            do {
                writer = try AsciicastWriter(
                    path: recordPath, width: canvas.width, height: canvas.height, title: title, overwrite: overwrite)
            } catch {
                openFailure =
                    error as? DemoOutputError ?? .unwritable(path: recordPath, reason: "\(error)")
                return
            }
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

    /// Closes the recording (renamed into place) and writes the report; throws the first thing that could not be
    /// written, the recording that could not be opened included (the report is still written then).
    public func finish(_ records: [StepRecord], lesson: Lesson) throws {
        try writer?.finish()
        try report?.write(title: lesson.title, steps: records)
        if let openFailure { throw openFailure }
    }
}
