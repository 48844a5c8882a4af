import CafeHTTP
import Curriculum

extension LessonProgress {
    /// Each problem not yet printed, as one whole line on stderr.
    public func printWarnings() {
        for line in takeWarnings() { StderrLog.barista(line) }
    }
}
