import Foundation

extension LessonLibrary {
    /// `barista lessons --check`: one line per lesson, `ok` with its steps or the error with its `file:line` and
    /// step, and how many lessons are broken.
    public func checkReport() -> (lines: [String], broken: Int) {
        var lines: [String] = []
        var broken = 0
        for (name, result) in all() {
            switch result {
            case .success(let lesson): lines.append("ok    \(name): \(lesson.stepsInWords)")
            case .failure(let error):
                broken += 1
                lines.append("error \(error)")
            }
        }
        return (lines, broken)
    }

    /// `barista lessons`: a heading, then each lesson with its steps, minutes, title and summary, ✓ for those the
    /// student finished; a lesson that cannot be played says why.
    public func listing(progress: LessonProgress) -> [String] {
        var lines = ["Lessons in \(directory.path) — play one with: barista --lesson NAME\n"]
        for (name, result) in all() {
            let padded = name.padding(toLength: 14, withPad: " ", startingAt: 0)
            switch result {
            case .success(let lesson):
                let record = progress.record(for: LessonProgress.key(folder: directory, name: name))
                let done = record.isFinished ? "✓" : " "
                let steps = lesson.stepsInWords.padding(toLength: 9, withPad: " ", startingAt: 0)
                lines.append("\(done) \(padded) \(steps) \(lesson.minutes) min  \(lesson.title)")
                if !lesson.summary.isEmpty { lines.append("                 \(lesson.summary)") }
            case .failure(let error):
                lines.append("! \(padded) cannot be played: \(error)")
            }
        }
        return lines
    }
}
