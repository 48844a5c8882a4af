import Foundation

extension HeadlessLesson.Outcome {
    /// The rehearsal as JSON (`barista demo --headless --json`): every step's record and the verdict.
    public func json(lesson: Lesson) -> String {
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
            lesson: lesson.name, title: lesson.title, passed: passed, checksPassed: passedChecks,
            checks: totalChecks, failed: failed, steps: records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
