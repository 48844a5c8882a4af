/// The script of an auto-played lesson (the classroom demo, a rehearsal): when to answer a step's question and
/// when to go on. A step goes on after its `auto` time, or sooner once all its checks have passed and a short
/// dwell has let the class see it — but never before its checks are resolved, so a verdict is never cut short.
/// `speed` shortens the script's times, never the cafés' physics. A pure value: the driver gives it the time.
public struct AutoPlay: Sendable {
    public var speed: Double
    /// Start again at the first step after the last (an open day).
    public var loop: Bool
    /// How long a step stays when it names no `auto` time.
    public var defaultStepTime: Duration
    /// After all checks passed, how long the class looks before the next step.
    public var dwell: Duration
    /// How long a question shows before the script answers it.
    public var questionBeat: Duration
    public private(set) var paused = false
    private var pausedAt: Duration?
    private var stepEntered: Duration = .zero
    private var passedAt: Duration?

    /// The demo's script: steps stay their `auto` time (20 s if none), 4 s after all checks pass.
    public static func demo(speed: Double = 1, loop: Bool = false) -> AutoPlay {
        AutoPlay(speed: speed, loop: loop, defaultStepTime: .seconds(20), dwell: .seconds(4), questionBeat: .seconds(3))
    }

    /// A rehearsal of a lesson: each step goes on as soon as it is resolved, after a second to read the figures.
    public static func rehearsal(dwell: Duration = .seconds(1)) -> AutoPlay {
        AutoPlay(speed: 1, loop: false, defaultStepTime: .zero, dwell: dwell, questionBeat: .zero)
    }

    public init(speed: Double, loop: Bool, defaultStepTime: Duration, dwell: Duration, questionBeat: Duration) {
        self.speed = max(speed, 0.01)
        self.loop = loop
        self.defaultStepTime = defaultStepTime
        self.dwell = dwell
        self.questionBeat = questionBeat
    }

    public enum Decision: Equatable, Sendable {
        case wait
        /// Answer the question with the lesson's own answer.
        case answer
        /// Go to the next step (or, past the last, start again when looping).
        case advance
    }

    /// A new step began (by the script or by a key).
    public mutating func entered(at now: Duration) {
        stepEntered = now
        passedAt = nil
        if paused { pausedAt = now }
    }

    public mutating func togglePause(at now: Duration) {
        if paused, let pausedAt {
            // The script's clock stood still while paused.
            stepEntered += now - pausedAt
            passedAt = passedAt.map { $0 + (now - pausedAt) }
            self.pausedAt = nil
        } else {
            pausedAt = now
        }
        paused.toggle()
    }

    /// The script's time for a step, at this speed.
    public func stepTime(_ step: Step) -> Duration { (step.auto ?? defaultStepTime) / speed }

    /// Seconds of script time left in the step, for the panel.
    public func secondsLeft(_ step: Step, at now: Duration) -> Int {
        let elapsed = (pausedAt ?? now) - stepEntered
        return max(Int(((stepTime(step) - elapsed).milliseconds / 1000).rounded(.up)), 0)
    }

    public mutating func decide(_ player: LessonPlayer, at now: Duration) -> Decision {
        guard !paused, !player.finished else { return .wait }
        if player.isAsking { return now - stepEntered >= questionBeat / speed ? .answer : .wait }
        guard player.stepResolved else { return .wait }
        if player.allChecksPassed {
            let since = passedAt ?? now
            passedAt = since
            if now - since >= dwell / speed { return .advance }
        }
        return now - stepEntered >= stepTime(player.currentStep) ? .advance : .wait
    }
}
