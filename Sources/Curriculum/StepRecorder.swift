import CafeModel
import Foundation

/// Keeps the record of each step as it plays: the cafés' figures about once a second, and when the step ends its
/// checks, its question and where both cafés stood. The rehearsal prints these, `--json` writes them, and the
/// report draws them.
struct StepRecorder {
    private(set) var records: [StepRecord] = []
    private var current: StepRecord?
    private var began: Duration = .zero
    private var lastSample: Duration?
    private let cores = ProcessInfo.processInfo.activeProcessorCount

    mutating func begin(_ step: Step, number: Int, at now: Duration) {
        began = now
        lastSample = nil
        current = StepRecord(
            number: number, heading: step.heading, narration: step.narration, syncCapacity: nil, asyncCapacity: nil,
            offeredPerSecond: 0, end: .init(sync: .init(ShowState(cafe: .sync)), async: .init(ShowState(cafe: .async))))
    }

    mutating func sample(_ frame: ShowFrame, at now: Duration) {
        guard current != nil, lastSample.map({ now - $0 >= .seconds(1) }) ?? true else { return }
        lastSample = now
        current?.samples.append(
            .init(
                seconds: (now - began).milliseconds / 1000, sync: .init(frame.sync), async: .init(frame.async)))
    }

    /// Closes the step's record with the panel's verdicts and the last frame; returns it.
    @discardableResult
    mutating func finish(_ panel: LessonPanel, frame: ShowFrame) -> StepRecord? {
        guard var record = current else { return nil }
        current = nil
        let theory = frame.theory(cores: cores)
        record.syncCapacity = theory.sync.value.isFinite ? theory.sync.value : nil
        record.asyncCapacity = theory.async.value.isFinite ? theory.async.value : nil
        record.offeredPerSecond = frame.scenario.ratePerSecond
        record.checks = panel.checks.map { .init(text: $0.text, passed: $0.state == .passed, seen: $0.seen) }
        if let prediction = panel.prediction {
            switch prediction.phase {
            case .revealed(let answer, let measured, let expected, let judgement, _):
                record.prediction = .init(
                    question: prediction.question, answer: answer, expected: expected, measured: measured,
                    judgement: judgement.words)
            case .measuring(let answer, _):
                record.prediction = .init(question: prediction.question, answer: answer, expected: "", measured: nil)
            case .asking:
                record.prediction = .init(question: prediction.question, answer: "", expected: "", measured: nil)
            }
        }
        record.end = .init(sync: .init(frame.sync), async: .init(frame.async))
        // Served/s over the step's own seconds: what the step's scene did, not its last five seconds.
        if let first = record.samples.first, let last = record.samples.last, last.seconds - first.seconds >= 2,
            last.sync.served >= first.sync.served, last.async.served >= first.async.served
        {
            let seconds = last.seconds - first.seconds
            record.windowSeconds = seconds
            record.end.sync.servedPerSecond = Double(last.sync.served - first.sync.served) / seconds
            record.end.async.servedPerSecond = Double(last.async.served - first.async.served) / seconds
        }
        records.append(record)
        return record
    }
}
