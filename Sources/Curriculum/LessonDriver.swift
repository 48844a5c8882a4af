import CafeModel

/// A lesson around the show: a `ShowDriver` that wraps the one running the cafés. Each frame it hands the
/// cafés' picture to the lesson player, carries out what the player asks (a step's scene, a clean slate, the
/// door) and puts the lesson panel in the frame. Lesson keys go to the player; café keys go to the cafés, and the
/// player hears that the student changed the scene.
public final class LessonDriver: ShowDriver {
    public private(set) var player: LessonPlayer
    private let inner: any ShowDriver
    private let progress: LessonProgress?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    public init(inner: any ShowDriver, lesson: Lesson, startStep: Int = 0, progress: LessonProgress? = nil) {
        self.inner = inner
        self.progress = progress
        player = LessonPlayer(lesson: lesson, startStep: startStep)
        started = clock.now
        progress?.update(lesson.name) { $0.stepCount = lesson.steps.count }
        run(player.start(at: now))
    }

    /// The lesson clock: time since the lesson began.
    public var now: Duration { started.duration(to: clock.now) }

    public func frame() -> ShowFrame {
        var frame = inner.frame()
        run(player.update(.frame(frame), at: now))
        frame.lesson = player.panel(at: now)
        if let warning = progress?.warning, frame.notice == nil { frame.notice = warning }
        return frame
    }

    public func perform(_ action: ShowAction) {
        if case .lesson(let key) = action {
            run(player.update(.key(key), at: now))
            return
        }
        inner.perform(action)
        if action.changesScenario { run(player.update(.sceneChanged(action), at: now)) }
    }

    public var stopRequested: Bool { inner.stopRequested }

    /// Answers the current question with the lesson's own answer (the headless player, a scripted demo).
    public func answerWithLessonsAnswer() {
        guard let prediction = player.currentStep.prediction else { return }
        run(player.answer(prediction.answer, at: now))
    }

    private func run(_ effects: [LessonPlayer.Effect]) {
        let name = player.lesson.name
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
