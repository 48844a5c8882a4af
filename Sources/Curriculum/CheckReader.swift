import CafeModel

/// Reads one line of a `check` block: `METRIC OP VALUE [within 10s] [hold 1s] [after 3s]`, where VALUE is a number, another
/// metric, or a number times a metric (`3 * async.p50_ms`).
enum CheckReader {
    static func read(_ text: String, line: Int, file: String) throws(LessonFileError) -> Check {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: LessonFileError.Reason) -> LessonFileError {
            LessonFileError(file: file, line: line, reason: reason)
        }
        var words = trimmed.replacing("×", with: " * ").split(separator: " ").map(String.init)
        var within = Check.defaultWithin, hold = Check.defaultHold
        var after: Duration?
        for keyword in ["within", "hold", "after"] {
            if let index = words.firstIndex(of: keyword) {
                guard index + 1 < words.count, let duration = DurationText.parse(words[index + 1]), duration > .zero
                else {
                    throw fail(
                        .badValue(
                            key: keyword, value: index + 1 < words.count ? words[index + 1] : "",
                            expected: "a duration such as 10s"))
                }
                switch keyword {
                case "within": within = duration
                case "hold": hold = duration
                default: after = duration
                }
                words.removeSubrange(index...(index + 1))
            }
        }
        guard hold <= within else {
            throw fail(.badValue(key: "hold", value: "\(hold)", expected: "no longer than within"))
        }
        guard words.count == 3 || (words.count == 5 && words[3] == "*") else { throw fail(.badCheck(trimmed)) }
        let metric = try metric(words[0], fail: fail)
        guard let comparison = Check.Comparison(rawValue: words[1]) else { throw fail(.badCheck(trimmed)) }
        let bound: Check.Bound
        if words.count == 5 {
            guard let factor = Double(words[2]) else { throw fail(.badCheck(trimmed)) }
            bound =
                words[4] == "theory"
                ? .theory(times: factor) : .metric(try self.metric(words[4], fail: fail), times: factor)
        } else if words[2] == "theory" {
            bound = .theory(times: 1)
        } else if let number = Double(words[2]) {
            bound = .number(number)
        } else {
            bound = .metric(try self.metric(words[2], fail: fail), times: 1)
        }
        if let after, after + hold > within {
            throw fail(
                .badValue(
                    key: "after", value: "\(after)", expected: "short enough to leave the check time within its limit"))
        }
        return Check(
            metric: metric, comparison: comparison, bound: bound, within: within, hold: hold, after: after,
            text: trimmed,
            line: line)
    }

    private static func metric(
        _ text: String, fail: (LessonFileError.Reason) -> LessonFileError
    ) throws(LessonFileError) -> Metric {
        switch Metric.parse(text) {
        case .success(let metric): return metric
        case .failure(let reason): throw fail(reason)
        }
    }
}
