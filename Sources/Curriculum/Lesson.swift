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

    public init(name: String, title: String, summary: String, minutes: Int, steps: [Step], file: String) {
        self.name = name
        self.title = title
        self.summary = summary
        self.minutes = minutes
        self.steps = steps
        self.file = file
    }

    /// The scene of each step: a step's `scenario` block changes only what it names, on top of the step before.
    public var scenes: [Scenario] {
        var scene = Scenario()
        return steps.map { step in
            scene = step.scene.applied(to: scene)
            return scene
        }
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

    public init(changes: [ShowAction] = [], clearShop: Bool = true) {
        self.changes = changes
        self.clearShop = clearShop
    }

    public func applied(to scenario: Scenario) -> Scenario {
        changes.reduce(scenario) { $0.applying($1) }
    }
}
