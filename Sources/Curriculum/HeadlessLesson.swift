import CafeModel
import Foundation

/// Plays a lesson or the demo without a screen, on the real cafés: for each step its narration, its question
/// answered with the lesson's own answer, its checks as they resolve, and a table of what both cafés did, as plain
/// text; then a side-by-side summary. The classroom rehearsal and CI use it; it passes when every check passed.
public struct HeadlessLesson {
    public var driver: LessonDriver
    public var write: (String) -> Void
    /// Print the text (false for `--json`, which prints the records at the end).
    public var text: Bool
    /// Called with every frame looked at (a recording draws it).
    public var onFrame: ((ShowFrame) -> Void)?

    public init(driver: LessonDriver, text: Bool = true, write: @escaping (String) -> Void = { print($0) }) {
        self.driver = driver
        self.text = text
        self.write = write
    }

    public struct Outcome: Sendable {
        /// One line per check that did not pass, named by step and text.
        public var failed: [String]
        public var passedChecks: Int
        public var totalChecks: Int
        public var records: [StepRecord]
        public var passed: Bool { failed.isEmpty }
    }

    /// Plays until the script has gone past the last step (or barista is asked to stop); `frameInterval` is how
    /// often the cafés are looked at.
    public func play(frameInterval: Duration = .milliseconds(100)) -> Outcome {
        let lesson = driver.player.lesson
        if text { write("\(lesson.title) — \(lesson.stepsInWords)") }
        var printed = 0
        let write = self.write, text = self.text
        driver.onStepRecorded = { record in
            printed += 1
            if text { write(Self.describe(record, of: lesson)) }
        }
        var asked = -1
        while !driver.scriptEnded && !driver.stopRequested {
            if text, asked != driver.player.stepIndex {
                asked = driver.player.stepIndex
                let step = driver.player.currentStep
                write("\n## \(asked + 1)/\(lesson.steps.count) \(step.heading)")
                if !step.narration.isEmpty { write(step.narration) }
            }
            let frame = driver.frame()
            onFrame?(frame)
            Thread.sleep(forTimeInterval: frameInterval.milliseconds / 1000)
        }
        let records = driver.records
        var failed: [String] = []
        for record in records {
            for check in record.checks where !check.passed {
                failed.append(
                    "step \(record.number) (\(record.heading)): \(check.text)" + (check.seen.map { " — \($0)" } ?? ""))
            }
        }
        let expected = lesson.steps.count - driver.firstStep
        if records.count < expected {
            failed.append("stopped after \(records.count) of \(expected) step\(expected == 1 ? "" : "s")")
        }
        let total = records.reduce(0) { $0 + $1.checks.count }
        let passed = records.reduce(0) { $0 + $1.checks.filter(\.passed).count }
        if text {
            write("\n" + Self.summary(records))
            write("\n\(passed) of \(total) checks passed" + (failed.isEmpty ? "" : "; not passed:"))
            for line in failed { write("  ✗ \(line)") }
        }
        return Outcome(failed: failed, passedChecks: passed, totalChecks: total, records: records)
    }

    /// A step's question, checks and figures, as the rehearsal prints them.
    static func describe(_ record: StepRecord, of lesson: Lesson) -> String {
        var lines: [String] = []
        if let prediction = record.prediction {
            lines.append("? \(prediction.question)")
            let judged = prediction.judgement.map { " · \($0)" } ?? ""
            let measured = prediction.measured.map { $0.isEmpty ? "" : " · measured \($0)" } ?? " · measured nothing"
            lines.append(
                "  answered \(prediction.answer)\(measured) · the lesson's answer: \(prediction.expected)\(judged)")
        }
        for check in record.checks {
            lines.append("  \(check.passed ? "✓" : "✗") \(check.text)" + (check.seen.map { "   (\($0))" } ?? ""))
        }
        lines.append(table([("sync", record.end.sync), ("async", record.end.async)]))
        return lines.joined(separator: "\n")
    }

    /// Both cafés at the end of every step, side by side: a row a step, so the lesson's story reads down a column
    /// ("served/s" of the sync café falls behind while the async café's keeps up).
    static func summary(_ records: [StepRecord]) -> String {
        func ms(_ value: Double?) -> String { value.map { "\(Int($0.rounded()))ms" } ?? "-" }
        func cafe(_ figures: StepRecord.CafeFigures) -> [String] {
            [String(format: "%.1f", figures.servedPerSecond), String(figures.queued), ms(figures.p50Ms)]
        }
        let header = ["step", "offered/s", "sync/s", "queued", "p50", "async/s", "queued", "p50", "checks"]
        let rows = records.map { record in
            let passed = record.checks.filter(\.passed).count
            let checks =
                record.checks.isEmpty
                ? "-" : "\(passed)/\(record.checks.count) \(passed == record.checks.count ? "✓" : "✗")"
            return ["\(record.number). \(record.heading)", String(format: "%.0f", record.offeredPerSecond)]
                + cafe(record.end.sync) + cafe(record.end.async) + [checks]
        }
        let stepWidth = min(max(([header] + rows).map { $0[0].count }.max() ?? 0, 4) + 2, 40)
        let lines = ([header] + rows).map { row in
            let line =
                "  " + String(row[0].prefix(stepWidth - 2)).padding(toLength: stepWidth, withPad: " ", startingAt: 0)
                + row.dropFirst().map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
        return
            (["summary: both cafés at the end of each step, side by side (served/s over each step's own seconds)"]
            + lines).joined(separator: "\n")
    }

    static func table(_ rows: [(String, StepRecord.CafeFigures)]) -> String {
        let header = ["café", "served/s", "queued", "p50", "p99", "blocked", "awaiting", "loop lag", "walked out"]
        func ms(_ value: Double?) -> String { value.map { "\(Int($0.rounded()))ms" } ?? "-" }
        let body = rows.map { name, figures in
            [
                name, String(format: "%.1f", figures.servedPerSecond), String(figures.queued), ms(figures.p50Ms),
                ms(figures.p99Ms), String(figures.blocked), String(figures.awaiting), ms(figures.loopLagMs),
                String(figures.walkedOut),
            ]
        }
        return ([header] + body).map {
            "  " + $0.map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined()
        }
        .joined(separator: "\n")
    }
}
