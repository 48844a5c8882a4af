import CafeModel

/// Why a café could not be started for the show; each prints as one line naming the café.
public enum SupervisorError: Error, CustomStringConvertible, Sendable {
    case spawnFailed(CafeKind, errno: Int32)
    case notReady(CafeKind, within: Duration, stderr: String)
    case exited(CafeKind, status: Int32, stderr: String)

    public var description: String {
        switch self {
        case .spawnFailed(let cafe, let code):
            return "could not start the \(cafe.rawValue) café (errno \(code))"
        case .notReady(let cafe, let within, let stderr):
            return "the \(cafe.rawValue) café did not say it was ready within \(DurationText.format(within))"
                + (stderr.isEmpty ? "" : ": \(stderr)")
        case .exited(let cafe, let status, let stderr):
            return "the \(cafe.rawValue) café exited with status \(status)" + (stderr.isEmpty ? "" : ": \(stderr)")
        }
    }
}
