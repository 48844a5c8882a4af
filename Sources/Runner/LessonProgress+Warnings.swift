import CafeHTTP
import Curriculum

extension LessonProgress {
    /// Each problem not yet printed, as one whole line on stderr.
    public func printWarnings() {
        for line in takeWarnings() { StderrLog.barista(line) }
    }

    /// The student's progress, emptied first when `reset` (`--reset-progress`); nil when the lesson's own answers
    /// are played (a headless rehearsal, the demo): those never count as the student's. Problems are printed at once.
    public static func forPlay(playedByStudent: Bool, reset: Bool) -> LessonProgress? {
        guard playedByStudent || reset else { return nil }
        let progress = LessonProgress(file: LessonProgress.defaultFile())
        if reset { progress.reset() }
        progress.checkSaveable()
        progress.printWarnings()
        return playedByStudent ? progress : nil
    }
}
