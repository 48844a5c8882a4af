import CafeModel
import Foundation

/// Plays a lesson without a screen, on the real cafés: for each step its narration, its question answered with
/// the lesson's own answer, its checks as they resolve and the measured figures, as plain text. The classroom
/// rehearsal (`barista lesson NAME --headless`) and CI use it; it passes when every check passed.
public struct HeadlessLesson {
    public var driver: LessonDriver
    /// After a step resolves, how long it stays before the next (a demo lets the class look); a test shortens it.
    public var dwell: Duration
    /// The most a step may take, past its checks' own time limits.
    public var stepLimit: Duration
    public var write: (String) -> Void

    public init(
        driver: LessonDriver, dwell: Duration = .seconds(1), stepLimit: Duration = .seconds(90),
        write: @escaping (String) -> Void = { print($0) }
    ) {
        self.driver = driver
        self.dwell = dwell
        self.stepLimit = stepLimit
        self.write = write
    }

    /// One line per failed check, named by step and text; empty when every check passed.
    public struct Outcome: Sendable {
        public var failed: [String]
        public var passedChecks: Int
        public var totalChecks: Int
        public var passed: Bool { failed.isEmpty }
    }

    public func play(fromStep first: Int = 0, frameInterval: Duration = .milliseconds(100)) -> Outcome {
        let lesson = driver.player.lesson
        var failed: [String] = [], passedChecks = 0, totalChecks = 0
        write("\(lesson.title) — \(lesson.steps.count) steps")
        for index in first..<lesson.steps.count {
            if index > first { driver.perform(.lesson(.next)) }
            let step = lesson.steps[index]
            write("\n## \(index + 1)/\(lesson.steps.count) \(step.heading)")
            if !step.narration.isEmpty { write(step.narration) }
            if let prediction = step.prediction {
                write("? \(prediction.question)" + (prediction.choices.isEmpty ? "" : " (\(prediction.choices.joined(separator: " | ")))"))
                write("  answer: \(prediction.answer)")
                driver.answerWithLessonsAnswer()
            }
            let began = driver.now
            var frame = driver.frame()
            while !driver.player.stepResolved && driver.now - began < stepLimit {
                Thread.sleep(forTimeInterval: Double(frameInterval.milliseconds) / 1000)
                frame = driver.frame()
            }
            let resolvedAt = driver.now
            while driver.now - resolvedAt < dwell {
                Thread.sleep(forTimeInterval: Double(frameInterval.milliseconds) / 1000)
                frame = driver.frame()
            }
            let panel = frame.lesson
            if case .revealed(let answer, let measured, let expected, _, let explanation)? = panel?.prediction?.phase {
                write("  measured: \(measured.isEmpty ? "-" : measured) · you said \(answer) · the lesson's answer: \(expected)")
                if !explanation.isEmpty { write("  \(explanation)") }
            }
            for check in panel?.checks ?? [] {
                totalChecks += 1
                let mark = check.state == .passed ? "✓" : check.state == .failed ? "✗" : "…"
                if check.state == .passed { passedChecks += 1 } else {
                    failed.append("step \(index + 1) (\(step.heading)): \(check.text)" + (check.seen.map { " — \($0)" } ?? ""))
                }
                write("  \(mark) \(check.text)" + (check.seen.map { "   (\($0))" } ?? ""))
            }
            write(Self.figures(frame))
        }
        write("\n\(passedChecks) of \(totalChecks) checks passed" + (failed.isEmpty ? "" : "; failed:"))
        for line in failed { write("  ✗ \(line)") }
        return Outcome(failed: failed, passedChecks: passedChecks, totalChecks: totalChecks)
    }

    /// What both cafés were doing at the end of the step, as a small table.
    static func figures(_ frame: ShowFrame) -> String {
        func row(_ state: ShowState) -> String {
            let p50 = state.waitP50Ms.map { "\(Int($0.rounded()))ms" } ?? "-"
            let p99 = state.waitP99Ms.map { "\(Int($0.rounded()))ms" } ?? "-"
            let lag = state.loops.map(\.lagMs).max().map { "\(Int($0.rounded()))ms" } ?? "-"
            let cells = [
                state.cafe.rawValue, String(format: "%.1f", state.servedPerSecond), String(state.queued), p50, p99,
                String(state.busyBaristas + state.loops.filter(\.isBlocked).count), String(state.awaiting), lag,
                String(state.walkedOut),
            ]
            return "  " + cells.map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined()
        }
        let header = ["café", "served/s", "queued", "p50", "p99", "blocked", "awaiting", "loop lag", "walked out"]
        return "  " + header.map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "\n" + row(frame.sync)
            + "\n" + row(frame.async)
    }
}
