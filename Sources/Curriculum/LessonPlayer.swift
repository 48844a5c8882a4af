import CafeModel

/// The lesson as a state machine, with no clock and no I/O of its own: events come in (a key, a fresh picture of
/// the cafés, the student changing the scene) with the lesson clock's time, and effects go out (change the
/// scene, empty the shop, open the door, a step done). The driver around the show, the headless player and the
/// tests all run the same machine.
public struct LessonPlayer: Sendable {
    public let lesson: Lesson
    public private(set) var stepIndex = 0
    /// The lesson is over: the student went past the last step.
    public private(set) var finished = false
    private let scenes: [Scenario]
    /// Read by the panel (LessonPlayer+Panel); changed only here.
    private(set) var step = StepProgress()

    public enum Event: Sendable {
        case key(LessonKey)
        case frame(ShowFrame)
        /// The student pressed a café key (`+`, `m`, …) inside the step.
        case sceneChanged(ShowAction)
    }

    public enum Effect: Equatable, Sendable {
        /// Send this to the show (a scene, a clean slate, the door).
        case perform(ShowAction)
        /// The student committed an answer to the step's question.
        case answered(step: Int, answer: String)
        /// Every check of the step resolved (and its question measured): passed when all checks did.
        case stepDone(step: Int, passed: Bool)
        /// The student went past the last step.
        case lessonFinished
    }

    /// Where the current step is.
    struct StepProgress: Sendable {
        var typed = ""
        var answer: String?
        var answeredAt: Duration?
        /// When the customers began to come: at entry, or once the question is answered.
        var sceneStart: Duration?
        var samples: [Double] = []
        /// For a choice question: the other café's same figure, for the comparison in words.
        var otherSamples: [Double] = []
        var measured: Double?
        var measuredOther: Double?
        var revealed = false
        var checks: [CheckProgress] = []
        var hintShown = false
        var changed = false
        var scroll = 0
        var done = false
    }

    struct CheckProgress: Sendable {
        var state: LessonPanel.CheckState = .waiting
        var heldSince: Duration?
        var seen: String?
    }

    public init(lesson: Lesson, startStep: Int = 0) {
        self.lesson = lesson
        scenes = lesson.scenes
        stepIndex = min(max(startStep, 0), lesson.steps.count - 1)
    }

    public var currentStep: Step { lesson.steps[stepIndex] }

    /// Enters the first step: its scene, a clean slate, a closed door while its question waits.
    public mutating func start(at now: Duration) -> [Effect] { enter(stepIndex, at: now) }

    /// Back to the first step (a looping demo starts again).
    public mutating func restartLesson(at now: Duration) -> [Effect] {
        finished = false
        return enter(0, at: now)
    }

    public mutating func update(_ event: Event, at now: Duration) -> [Effect] {
        switch event {
        case .key(let key): return press(key, at: now)
        case .frame(let frame): return observe(frame, at: now)
        case .sceneChanged:
            step.changed = true
            return []
        }
    }

    // MARK: steps

    private mutating func enter(_ index: Int, at now: Duration) -> [Effect] {
        stepIndex = index
        step = StepProgress()
        step.checks = Array(repeating: CheckProgress(), count: currentStep.checks.count)
        var scene = scenes[index]
        let asks = currentStep.prediction != nil
        // The door stays closed until the student has answered: predict first, then see.
        if asks { scene.paused = true } else { step.sceneStart = now }
        var effects: [Effect] = [.perform(.setScenario(scene))]
        if currentStep.scene.clearShop { effects.append(.perform(.clearShop)) }
        return effects
    }

    private mutating func press(_ key: LessonKey, at now: Duration) -> [Effect] {
        switch key {
        case .next:
            guard stepIndex + 1 < lesson.steps.count else {
                guard !finished else { return [] }
                finished = true
                return [.lessonFinished]
            }
            return enter(stepIndex + 1, at: now)
        case .back:
            finished = false
            return stepIndex > 0 ? enter(stepIndex - 1, at: now) : []
        case .restart:
            finished = false
            return enter(stepIndex, at: now)
        case .hint:
            step.hintShown = true
            return []
        case .scrollUp:
            step.scroll = max(step.scroll - 1, 0)
            return []
        case .scrollDown:
            step.scroll += 1
            return []
        case .pauseScript:
            return []  // the auto-player's key, not the lesson's
        case .type(let character):
            guard step.answer == nil, let prediction = currentStep.prediction else { return [] }
            if prediction.choices.isEmpty {
                guard character.isNumber || (character == "." && !step.typed.contains(".")), step.typed.count < 8 else {
                    return []
                }
                step.typed.append(character)
            } else if let number = character.wholeNumberValue, (1...prediction.choices.count).contains(number) {
                step.typed = String(number)
            }
            return []
        case .erase:
            if step.answer == nil, !step.typed.isEmpty { step.typed.removeLast() }
            return []
        case .enter:
            return commit(at: now)
        }
    }

    /// The typed answer becomes the student's answer, and the customers come in.
    private mutating func commit(at now: Duration) -> [Effect] {
        guard step.answer == nil, let prediction = currentStep.prediction else { return [] }
        let answer: String
        if prediction.choices.isEmpty {
            guard let value = Double(step.typed) else { return [] }
            answer = NumberWords.plain(value)
        } else {
            guard let number = Int(step.typed) else { return [] }
            answer = prediction.choices[number - 1]
        }
        return self.answer(answer, at: now)
    }

    /// Answers the step's question (the headless player gives the lesson's own answer).
    public mutating func answer(_ answer: String, at now: Duration) -> [Effect] {
        guard step.answer == nil, currentStep.prediction != nil else { return [] }
        step.answer = answer
        step.answeredAt = now
        step.sceneStart = now
        if currentStep.prediction?.measure == nil { step.revealed = true }
        var effects: [Effect] = [.answered(step: stepIndex + 1, answer: answer)]
        if !scenes[stepIndex].paused { effects.append(.perform(.setPaused(false))) }
        return effects
    }

    // MARK: the live numbers

    private mutating func observe(_ frame: ShowFrame, at now: Duration) -> [Effect] {
        guard let start = step.sceneStart else { return [] }
        measure(frame, at: now)
        for (index, check) in currentStep.checks.enumerated() where step.checks[index].state == .waiting {
            step.checks[index].seen = check.seen(in: frame)
            if now - start >= check.after, check.holds(in: frame) == true {
                let since = step.checks[index].heldSince ?? now
                step.checks[index].heldSince = since
                if now - since >= check.hold { step.checks[index].state = .passed }
            } else {
                step.checks[index].heldSince = nil
            }
            if step.checks[index].state == .waiting && now - start > check.within {
                step.checks[index].state = .failed
            }
        }
        guard !step.done, stepResolved else { return [] }
        step.done = true
        return [.stepDone(step: stepIndex + 1, passed: step.checks.allSatisfy { $0.state == .passed })]
    }

    /// Averages the prediction's figure over its window, then reveals it.
    private mutating func measure(_ frame: ShowFrame, at now: Duration) {
        guard let prediction = currentStep.prediction, let metric = prediction.measure,
            let answeredAt = step.answeredAt,
            !step.revealed
        else { return }
        let from = answeredAt + prediction.after, to = from + prediction.over
        if now >= from, now < to, let value = metric.value(in: frame) { step.samples.append(value) }
        if now >= from, now < to, !prediction.choices.isEmpty, let other = Self.otherCafe(metric)?.value(in: frame) {
            step.otherSamples.append(other)
        }
        if now >= to {
            step.measured = Self.mean(step.samples)
            step.measuredOther = Self.mean(step.otherSamples)
            step.revealed = true
        }
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The same figure of the other café (`async.p50_ms` for `sync.p50_ms`), when it has it.
    static func otherCafe(_ metric: Metric) -> Metric? {
        guard let cafe = metric.cafe, metric.name.onlyIn == nil else { return nil }
        return Metric(cafe: cafe == .sync ? .async : .sync, name: metric.name)
    }

    /// Every check passed or failed, and the question (if any) answered and revealed.
    public var stepResolved: Bool {
        step.checks.allSatisfy { $0.state != .waiting } && (currentStep.prediction == nil || step.revealed)
    }

    /// The states of the step's checks, in order.
    public var checkStates: [LessonPanel.CheckState] { step.checks.map(\.state) }

    /// What was measured for the step's question, once revealed.
    public var measured: Double? { step.measured }

    /// True when every check of the step passed (and there is at least one).
    public var allChecksPassed: Bool { !step.checks.isEmpty && step.checks.allSatisfy { $0.state == .passed } }

    /// True while the step's question waits for an answer.
    public var isAsking: Bool { currentStep.prediction != nil && step.answer == nil }
}

/// Numbers as an answer is written: `40`, `2.5`.
enum NumberWords {
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
