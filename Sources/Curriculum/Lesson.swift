import CafeModel

/// A lesson: a titled list of steps read from a Markdown file of `Lessons/`, each a scene on the real cafés with
/// narration, an optional prediction, checks and a hint.
public struct Lesson: Equatable, Sendable {
    /// The file's name without `.md`: what `--lesson NAME` takes.
    public var name: String
    public var title: String
    /// One line for `barista lessons`.
    public var summary: String
    /// How long a class takes for it.
    public var minutes: Int
    public var steps: [Step]
    /// Where it was read from, for messages.
    public var file: String
    /// The folder it was read from (nil for a lesson made in memory): with the name, its progress record's key.
    public var folder: String?
    /// The line of its `# Title`.
    public var titleLine = 1
    /// The real servers every step runs (`<!-- peers: python -->`: gunicorn and uvicorn), as `--peers` names
    /// them; nil when barista's own cafés play every part.
    public var peers: String?

    public init(
        name: String, title: String, summary: String, minutes: Int, steps: [Step], file: String, peers: String? = nil
    ) {
        self.name = name
        self.title = title
        self.summary = summary
        self.minutes = minutes
        self.steps = steps
        self.file = file
        self.peers = peers
    }

    /// "1 step", "6 steps".
    public var stepsInWords: String { steps.count == 1 ? "1 step" : "\(steps.count) steps" }

    /// The scene of each step: a step's `scenario` block changes only what it names, on top of the step before.
    public var scenes: [Scenario] {
        var scene = Scenario()
        return steps.map { step in
            scene = step.scene.applied(to: scene)
            return scene
        }
    }

    /// Fills each step's words with its scene's figures and works out `answer: theory`; an answer the theory
    /// cannot give is an error at the prediction's line.
    func resolvingScenes() throws(LessonFileError) -> Lesson {
        var lesson = self
        for (index, scene) in scenes.enumerated() {
            var step = lesson.steps[index]
            if var prediction = step.prediction, prediction.answer == "theory" {
                guard let metric = prediction.measure else {
                    throw LessonFileError(file: file, line: prediction.line, reason: .theoryWithoutMeasure)
                }
                switch TheoryAnswer.answer(for: metric, in: scene) {
                case .success(let value): prediction.answer = SceneWords.plain(value)
                case .failure(let reason): throw LessonFileError(file: file, line: prediction.line, reason: reason)
                }
                step.prediction = prediction
            }
            for (position, check) in step.checks.enumerated() {
                guard case .theory(let factor) = check.bound else { continue }
                switch TheoryAnswer.answer(for: check.metric, in: scene) {
                case .success(let value): step.checks[position].bound = .number(value * factor)
                case .failure(let reason): throw LessonFileError(file: file, line: check.line, reason: reason)
                }
            }
            step.narration = SceneWords.fill(step.narration, scene: scene)
            if var prediction = step.prediction {
                prediction.question = SceneWords.fill(prediction.question, scene: scene)
                prediction.explanation = SceneWords.fill(
                    prediction.explanation, scene: scene, answer: prediction.answer)
                step.prediction = prediction
            }
            step.hint = step.hint.map { SceneWords.fill($0, scene: scene) }
            lesson.steps[index] = step
        }
        return lesson
    }
}

/// One step of a lesson.
public struct Step: Equatable, Sendable {
    public var heading: String
    /// The settings this step changes.
    public var scene: SceneChange
    public var narration: String
    public var prediction: Prediction?
    public var checks: [Check]
    public var hint: String?
    /// For the auto-played demo: how long the step stays on screen.
    public var auto: Duration?
    /// The line of the step's heading, for messages.
    public var line: Int

    public init(
        heading: String, scene: SceneChange = SceneChange(), narration: String = "", prediction: Prediction? = nil,
        checks: [Check] = [], hint: String? = nil, auto: Duration? = nil, line: Int = 0
    ) {
        self.heading = heading
        self.scene = scene
        self.narration = narration
        self.prediction = prediction
        self.checks = checks
        self.hint = hint
        self.auto = auto
        self.line = line
    }
}

/// What a step's `scenario` block sets; everything it does not name stays as the step before left it.
public struct SceneChange: Equatable, Sendable {
    public var changes: [ShowAction]
    /// Empty both cafés when the step begins (the default), or keep what the step before left in them.
    public var clearShop: Bool
    /// Draw a fresh scene from this seed first (`fresh: seed=7`), then apply the changes.
    public var freshSeed: UInt64?

    public init(changes: [ShowAction] = [], clearShop: Bool = true, freshSeed: UInt64? = nil) {
        self.changes = changes
        self.clearShop = clearShop
        self.freshSeed = freshSeed
    }

    public func applied(to scenario: Scenario) -> Scenario {
        let base = freshSeed.map { FreshScene.draw(seed: $0, over: scenario) } ?? scenario
        return changes.reduce(base) { $0.applying($1) }
    }
}
