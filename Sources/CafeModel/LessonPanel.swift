/// What the lesson panel shows at one instant: the step, its narration, the prediction to make (or its result
/// beside the live figure), each check with its state, the hint, and a note when the student changed the scene.
/// A plain value the lesson player builds each frame; the Dashboard and the headless player only draw it.
public struct LessonPanel: Equatable, Sendable {
    public var lessonTitle: String
    /// 1-based.
    public var step: Int
    public var steps: Int
    public var heading: String
    public var narration: String
    public var prediction: PredictionView?
    public var checks: [CheckView]
    /// The step's hint, once asked for.
    public var hint: String?
    /// The step has a hint to ask for: without one the panel offers no `h` key.
    public var hasHint: Bool
    /// "You changed the scene (rate 60/s): press x to start the step again."
    public var note: String?
    /// Rows of narration scrolled past.
    public var scroll: Int
    /// The last step is done: all its checks resolved.
    public var finished: Bool
    /// While the demo plays itself: whether the script is paused and when the next step comes.
    public var autoPlay: AutoPlayStatus?

    /// A question waits for the student's answer: nothing on screen may give the answer away meanwhile (the theory
    /// lines, the checks' figures), so the student commits first.
    public var isAsking: Bool {
        if case .asking? = prediction?.phase { return true }
        return false
    }

    public init(
        lessonTitle: String, step: Int, steps: Int, heading: String, narration: String,
        prediction: PredictionView? = nil, checks: [CheckView] = [], hint: String? = nil, hasHint: Bool = true,
        note: String? = nil, scroll: Int = 0, finished: Bool = false
    ) {
        self.hasHint = hasHint
        self.lessonTitle = lessonTitle
        self.step = step
        self.steps = steps
        self.heading = heading
        self.narration = narration
        self.prediction = prediction
        self.checks = checks
        self.hint = hint
        self.note = note
        self.scroll = scroll
        self.finished = finished
    }

    /// The auto-played demo's clock, for the panel's title.
    public struct AutoPlayStatus: Equatable, Sendable {
        public var paused: Bool
        /// Seconds of script time until the next step (at the demo's speed).
        public var secondsLeft: Int
        public var speed: Double
        /// The step's time is up but its checks (or its question's figure) are not resolved yet: the script holds
        /// the step so a verdict is never cut short, and "next in 0 s" would be a lie.
        public var waitingForChecks: Bool

        public init(paused: Bool, secondsLeft: Int, speed: Double, waitingForChecks: Bool = false) {
            self.paused = paused
            self.secondsLeft = secondsLeft
            self.speed = speed
            self.waitingForChecks = waitingForChecks
        }
    }

    /// A question to answer before the scene shows it, then the answer beside what the cafés did.
    public struct PredictionView: Equatable, Sendable {
        public var question: String
        /// Numbered choices, when the answer is one of them.
        public var choices: [String]
        public var phase: Phase

        public enum Phase: Equatable, Sendable {
            /// Waiting for the student's answer; the door stays closed meanwhile.
            case asking(typed: String)
            /// Answered; the cafés run and the figure is being measured.
            case measuring(answer: String, secondsLeft: Int)
            /// "you said 50 · measured 40.0/s · off by 25% · the lesson's answer: 40", then why. `measured` is nil
            /// when the window held no figure, empty when the question measures nothing; for a choice it is the
            /// comparison in words.
            case revealed(
                answer: String, measured: String?, expected: String, judgement: Judgement, explanation: String)
        }

        /// How the student's answer stands: a number against the measurement, a choice against the lesson's.
        public enum Judgement: Equatable, Sendable {
            /// Within `PredictionView.tolerance` of the measurement, off by `percent`.
            case close(percent: Int)
            /// Further off: "35%" or, from twice, "2.5×".
            case off(String)
            /// A choice: the lesson's answer or not.
            case choice(matches: Bool)
            /// Nothing was measured to judge against.
            case unmeasured
        }

        /// How close a number must be to the measurement to count as close: within 15 %.
        public static let tolerance = 0.15

        public init(question: String, choices: [String] = [], phase: Phase) {
            self.question = question
            self.choices = choices
            self.phase = phase
        }
    }

    /// One check of the step: what it asks of the live numbers, and how it stands.
    public struct CheckView: Equatable, Sendable {
        public var text: String
        public var state: CheckState
        /// What was seen lately: "saw 12.0".
        public var seen: String?

        public init(text: String, state: CheckState, seen: String? = nil) {
            self.text = text
            self.state = state
            self.seen = seen
        }
    }

    public enum CheckState: String, Equatable, Sendable {
        /// Not yet proven; still within its time.
        case waiting
        case passed
        /// Its time ran out without the numbers proving it.
        case failed
    }
}

extension LessonPanel.PredictionView.Judgement {
    /// In words, with the tolerance it judged by (of the measurement): "close: 3% off (within 15%)", "off by 2×
    /// (close is within 15%)".
    public var words: String {
        let within = "\(Int(LessonPanel.PredictionView.tolerance * 100))%"
        switch self {
        case .close(let percent): return "close: \(percent)% off (within \(within))"
        case .off(let amount): return "off by \(amount) (close is within \(within))"
        case .choice(let matches): return matches ? "the lesson's answer too" : "not the lesson's answer"
        case .unmeasured: return "nothing measured to judge it by"
        }
    }

    /// ✓ for close or the lesson's choice, ✗ for off or another choice, nil when there is nothing to judge.
    public var isGood: Bool? {
        switch self {
        case .close: return true
        case .off: return false
        case .choice(let matches): return matches
        case .unmeasured: return nil
        }
    }
}
