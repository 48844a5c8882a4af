import CafeModel

/// A lesson around the show: a `ShowDriver` that wraps the one running the cafés. Each frame it hands the
/// cafés' picture to the lesson player, carries out what the player asks (a step's scene, a clean slate, the
/// door) and puts the lesson panel in the frame. Lesson keys go to the player; café keys go to the cafés, and the
/// player hears that the student changed the scene. With an `AutoPlay` it plays itself (the classroom demo, a
/// rehearsal). Every step played is recorded (`records`), for a rehearsal's table, JSON and the report.
public final class LessonDriver: ShowDriver {
    public private(set) var player: LessonPlayer
    public private(set) var autoPlay: AutoPlay?
    /// Called with each step's record as the step ends.
    public var onStepRecorded: ((StepRecord) -> Void)?
    private let inner: any ShowDriver
    private let progress: LessonProgress?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var recorder = StepRecorder()
    private var lastFrame = ShowFrame()
    /// The script went past the last step (and does not loop).
    public private(set) var scriptEnded = false
    /// The step the lesson began at (0-based): `--step N` starts anywhere.
    public let firstStep: Int

    public init(
        inner: any ShowDriver, lesson: Lesson, startStep: Int = 0, progress: LessonProgress? = nil,
        autoPlay: AutoPlay? = nil
    ) {
        self.inner = inner
        self.progress = progress
        self.autoPlay = autoPlay
        player = LessonPlayer(lesson: lesson, startStep: startStep)
        firstStep = player.stepIndex
        started = clock.now
        progress?.update(LessonProgress.key(for: lesson)) { $0.stepCount = lesson.steps.count }
        run(player.start(at: now))
        stepBegan()
    }

    /// The lesson clock: time since the lesson began.
    public var now: Duration { started.duration(to: clock.now) }

    /// The steps played so far, each closed when it ended.
    public var records: [StepRecord] { recorder.records }

    public func frame() -> ShowFrame {
        var frame = inner.frame()
        run(player.update(.frame(frame), at: now))
        recorder.sample(frame, at: now)
        lastFrame = frame
        if var script = autoPlay {
            let decision = script.decide(player, at: now)
            autoPlay = script
            switch decision {
            case .wait: break
            case .answer: answerWithLessonsAnswer()
            case .advance: advanceScript()
            }
            frame = inner.frame()
            lastFrame = frame
        }
        frame.lesson = player.panel(at: now)
        frame.lesson?.autoPlay = autoPlay.map {
            let left = $0.secondsLeft(player.currentStep, at: now)
            return .init(
                paused: $0.paused, secondsLeft: left, speed: $0.speed,
                waitingForChecks: left == 0 && !player.stepResolved)
        }
        if let warning = progress?.warning, frame.notice == nil { frame.notice = warning }
        return frame
    }

    public func perform(_ action: ShowAction) {
        switch action {
        case .lesson(.pauseScript):
            autoPlay?.togglePause(at: now)
        case .lesson(let key) where key == .next || key == .back || key == .restart:
            let before = player.stepIndex
            endStep()
            run(player.update(.key(key), at: now))
            if player.stepIndex != before || key == .restart || !player.finished { stepBegan() }
        case .lesson(let key):
            run(player.update(.key(key), at: now))
        default:
            inner.perform(action)
            if action.changesScenario { run(player.update(.sceneChanged(action), at: now)) }
        }
    }

    public var stopRequested: Bool { inner.stopRequested }

    /// Answers the current question with the lesson's own answer (the headless player, the demo's script).
    public func answerWithLessonsAnswer() {
        guard let prediction = player.currentStep.prediction else { return }
        run(player.answer(prediction.answer, at: now))
    }

    /// The script's next step; past the last, the first again when looping, else the end.
    private func advanceScript() {
        endStep()
        if player.stepIndex + 1 < player.lesson.steps.count {
            run(player.update(.key(.next), at: now))
            stepBegan()
        } else if autoPlay?.loop == true {
            run(player.restartLesson(at: now))
            stepBegan()
        } else {
            run(player.update(.key(.next), at: now))
            scriptEnded = true
        }
    }

    private func stepBegan() {
        guard !player.finished else { return }
        recorder.begin(player.currentStep, number: player.stepIndex + 1, at: now)
        autoPlay?.entered(at: now)
    }

    private func endStep() {
        guard let record = recorder.finish(player.panel(at: now), frame: lastFrame) else { return }
        onStepRecorded?(record)
    }

    private func run(_ effects: [LessonPlayer.Effect]) {
        let name = LessonProgress.key(for: player.lesson)
        for effect in effects {
            switch effect {
            case .perform(let action): inner.perform(action)
            case .answered(let step, let answer): progress?.update(name) { $0.answers[step] = answer }
            case .stepDone(let step, let passed):
                if passed { progress?.update(name) { $0.finishedSteps.insert(step) } }
            case .lessonFinished: break
            }
        }
    }
}
