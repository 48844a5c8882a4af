/// Why a lesson file cannot be played, and where:
/// `Lessons/async.md:42: step 3 "Four baristas who wait": unknown metric 'sync.cups'`.
public struct LessonFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The step the line belongs to, so a teacher finds it by its heading too (nil before the first step).
    public var step: StepPlace?
    public var reason: Reason

    public init(file: String, line: Int, step: StepPlace? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.step = step
        self.reason = reason
    }

    public var description: String {
        let place = step.map { " step \($0.number) \"\($0.heading)\":" } ?? ""
        return "\(file):\(line):\(place) \(reason)"
    }

    /// A step by its number (1-based) and heading.
    public struct StepPlace: Equatable, Sendable {
        public var number: Int
        public var heading: String

        public init(number: Int, heading: String) {
            self.number = number
            self.heading = heading
        }
    }

    /// The error placed in the last of `steps` whose heading comes before its line (unchanged when it already
    /// names a step, or when the line comes before every step).
    func placed(in steps: [Step]) -> LessonFileError {
        guard step == nil, let index = steps.lastIndex(where: { $0.line <= line }) else { return self }
        var placed = self
        placed.step = StepPlace(number: index + 1, heading: steps[index].heading)
        return placed
    }

    public enum Reason: Error, Equatable, Sendable, CustomStringConvertible {
        case noTitle
        case secondTitle
        case noSteps
        case unknownComment(String)
        case badValue(key: String, value: String, expected: String)
        case unknownBlock(String)
        case unclosedBlock(String)
        case unknownSection(String)
        case unknownSetting(section: String, key: String)
        case unknownMetric(String)
        case metricNotInCafe(String, cafe: String, only: String)
        case badCheck(String)
        case predictionWithoutAnswer
        case predictionWithoutQuestion
        case answerNotAChoice(String, choices: [String])
        case blockOutsideStep(String)
        case noTheory(String)
        case theoryWithoutMeasure
        case emptyHeading
        case componentNotRunning(String)

        public var description: String {
            switch self {
            case .noTitle: return "a lesson starts with a '# Title' line"
            case .secondTitle: return "a lesson has one '# Title'; steps are '## Step' headings"
            case .noSteps: return "a lesson needs at least one '## Step'"
            case .unknownComment(let key):
                return
                    "unknown setting '\(key)' in a comment; a lesson takes summary, minutes and peers, a step takes auto"
            case .badValue(let key, let value, let expected): return "\(key) must be \(expected), not '\(value)'"
            case .unknownBlock(let kind):
                return
                    "unknown block '\(kind)'; a step has scenario, predict, check and hint blocks (and sh, python, … samples)"
            case .unclosedBlock(let kind): return "the '\(kind)' block is never closed with ```"
            case .unknownSection(let section):
                return "unknown scenario line '\(section):'; it takes sync:, async:, load:, shop:, code: and fresh:"
            case .unknownSetting(let section, let key):
                let known =
                    [
                        "sync": "workers", "async": "handler, loops, helpers",
                        "load": "rate, arrivals, brew, kind, patience, door, slow, slow-for",
                        "shop": "clear or keep",
                    ][section] ?? ""
                return "unknown \(section) setting '\(key)'; \(section): takes \(known)"
            case .unknownMetric(let name):
                let names = Metric.Name.allCases.map(\.rawValue).joined(separator: ", ")
                return "unknown metric '\(name)'; use sync.NAME or async.NAME with NAME one of \(names)"
            case .metricNotInCafe(let name, let cafe, let only):
                return
                    "the \(cafe) café has no \(name) (only the \(only) café does): this check could never be evaluated"
            case .badCheck(let text):
                return
                    "cannot read the check '\(text)'; write METRIC OP VALUE [within 10s] [hold 1s], e.g. sync.served_per_s >= 35 within 10s"
            case .predictionWithoutAnswer: return "a prediction needs 'answer: …' (the lesson's own answer)"
            case .predictionWithoutQuestion: return "a prediction starts with its question"
            case .answerNotAChoice(let answer, let choices):
                return "the answer '\(answer)' is not one of the choices \(choices.joined(separator: " | "))"
            case .blockOutsideStep(let kind): return "the '\(kind)' block is outside any '## Step'"
            case .noTheory(let metric):
                return "the theory gives no number for \(metric) in this scene (served_per_s always; p50_ms for a café "
                    + "busy at most 75 %); write the answer, or use choices"
            case .theoryWithoutMeasure:
                return "'answer: theory' needs 'measure: METRIC' to know what the theory is asked"
            case .emptyHeading: return "an empty heading: write the title after '# ' or the step's heading after '## '"
            case .componentNotRunning(let name):
                let header = ComponentRule.peersRun.filter { $0.value.contains(name) }.min {
                    $0.value.count < $1.value.count
                }
                let run =
                    name == "nginx"
                    ? "set sync: proxy=nginx in the step's scene to run it"
                    : header.map { "add <!-- peers: \($0.key) --> to run it" } ?? "barista cannot run it yet"
                return "names \(name), which this lesson does not run: \(run), or say in that paragraph that barista's "
                    + "café plays it and how they differ, or that it is not running here"
            }
        }
    }
}
