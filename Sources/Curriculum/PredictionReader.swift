import CafeModel

/// Reads a `predict` block: the question first, then `choices: a | b | c` (optional), `answer: …` and
/// `measure: METRIC [over 5s] [after 2s]`, and after a `---` line the explanation shown with the result.
enum PredictionReader {
    static func read(_ lines: [(String, Int)], start: Int, file: String) throws(LessonFileError) -> Prediction {
        var question: [String] = [], explanation: [String] = []
        var choices: [String] = [], answer: String?, measure: Metric?
        var after = Duration.seconds(2), over = Duration.seconds(5)
        var inExplanation = false
        for (text, number) in lines {
            func fail(_ reason: LessonFileError.Reason) -> LessonFileError {
                LessonFileError(file: file, line: number, reason: reason)
            }
            let line = text.trimmingCharacters(in: .whitespaces)
            if inExplanation {
                explanation.append(line)
                continue
            }
            if line == "---" {
                inExplanation = true
                continue
            }
            let key = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let value =
                line.split(separator: ":", maxSplits: 1).dropFirst().first.map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? ""
            switch key {
            case "choices": choices = value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            case "answer": answer = value
            case "measure":
                var words = value.split(separator: " ").map(String.init)
                for keyword in ["over", "after"] {
                    if let index = words.firstIndex(of: keyword) {
                        guard index + 1 < words.count, let duration = DurationText.parse(words[index + 1]) else {
                            throw fail(
                                .badValue(
                                    key: keyword, value: index + 1 < words.count ? words[index + 1] : "",
                                    expected: "a duration such as 5s"))
                        }
                        if keyword == "over" { over = duration } else { after = duration }
                        words.removeSubrange(index...(index + 1))
                    }
                }
                guard words.count == 1 else {
                    throw fail(.badValue(key: "measure", value: value, expected: "METRIC [over 5s] [after 2s]"))
                }
                switch Metric.parse(words[0]) {
                case .success(let metric): measure = metric
                case .failure(let reason): throw fail(reason)
                }
            default:
                if !line.isEmpty { question.append(line) }
            }
        }
        guard !question.isEmpty else {
            throw LessonFileError(file: file, line: start, reason: .predictionWithoutQuestion)
        }
        guard let answer, !answer.isEmpty else {
            throw LessonFileError(file: file, line: start, reason: .predictionWithoutAnswer)
        }
        if choices.isEmpty {
            guard Double(answer) != nil || answer == "theory" else {
                throw LessonFileError(
                    file: file, line: start,
                    reason: .badValue(key: "answer", value: answer, expected: "a number (or give choices)"))
            }
        } else if !choices.contains(answer) {
            throw LessonFileError(file: file, line: start, reason: .answerNotAChoice(answer, choices: choices))
        }
        return Prediction(
            question: question.joined(separator: " "), choices: choices, answer: answer, measure: measure, after: after,
            over: over, explanation: LessonParser.paragraphsOf(explanation), line: start)
    }
}

extension LessonParser {
    static func paragraphsOf(_ lines: [String]) -> String {
        lines.split(whereSeparator: { $0.isEmpty }).map { $0.joined(separator: " ") }.joined(separator: "\n")
    }
}
