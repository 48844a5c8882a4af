import ArgumentParser
import CafeHTTP
import Curriculum
import Runner

/// The flags that pick and play a lesson: `--lesson NAME` (on the show) or `barista lesson NAME`, where to start,
/// where the lessons are, headless play and progress.
public struct LessonFlags: ParsableArguments {
    public init() {}

    @Option("Start at this step (1 is the first).") public var step = 1
    @Option("The lessons folder (default: the package's Lessons/).") public var lessonsDir: String?
    @Flag(
        help:
            "Play without a screen on the real cafés: narration, checks and figures as text (exit 1 if a check fails).")
    public var headless = false
    @Flag(help: "Forget the lessons finished and the answers given.") public var resetProgress = false

    /// The lesson, read and checked, or one line saying what is wrong (exit 2).
    public func load(_ name: String) throws -> Lesson {
        try OneLineError.orExit { try LessonLibrary.lesson(named: name, step: step, folder: lessonsDir) }
    }

    /// The student's progress (see `LessonProgress.forPlay`).
    public func progress(playedByStudent: Bool) -> LessonProgress? {
        LessonProgress.forPlay(playedByStudent: playedByStudent, reset: resetProgress)
    }
}
