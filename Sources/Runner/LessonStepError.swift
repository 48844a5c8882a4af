/// `--step N` beyond the lesson's steps.
public struct LessonStepError: Error, CustomStringConvertible {
    public var description: String
}
