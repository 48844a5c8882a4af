/// A question the student answers before the scene shows it: a number ("how many cups per second will the sync
/// café serve?") or one of a few choices. Once answered, the door opens, the figure is measured over a window and
/// shown beside the answer and the lesson's own, with the reason.
public struct Prediction: Equatable, Sendable {
    public var question: String
    /// Numbered choices; empty for a numeric answer.
    public var choices: [String]
    /// The lesson's answer: a number, or the text of the right choice.
    public var answer: String
    /// What is measured to show beside the answer.
    public var measure: Metric?
    /// Seconds of the scene before measuring (the line must settle) and the window measured.
    public var after: Duration
    public var over: Duration
    /// Why the answer is what it is.
    public var explanation: String
    public var line: Int

    public init(
        question: String, choices: [String] = [], answer: String, measure: Metric? = nil, after: Duration = .seconds(2),
        over: Duration = .seconds(5), explanation: String = "", line: Int = 0
    ) {
        self.question = question
        self.choices = choices
        self.answer = answer
        self.measure = measure
        self.after = after
        self.over = over
        self.explanation = explanation
        self.line = line
    }

    /// The lesson's answer as a number, for a numeric prediction.
    public var numericAnswer: Double? { choices.isEmpty ? Double(answer) : nil }
}
