/// Why a demo's recording or report cannot be written: one line the command prints before exiting 2 (when found
/// before the cafés start) or after the run (when the disk fails on the way).
public enum DemoOutputError: Error, Equatable, CustomStringConvertible {
    /// The path cannot be written at all: its folder is missing, read-only, or it is a folder.
    case unwritable(path: String, reason: String)
    /// A recording is already at the path: replaced only when asked (`--force`).
    case exists(path: String)
    /// The report's folder already holds files; a report never mixes its files with others.
    case notEmpty(path: String)
    /// Writing or moving into place failed part way; nothing was left at the path.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .exists(let path): "\(path) already exists: give --force to replace it, or choose a new name"
        case .notEmpty(let path): "\(path) is not empty: choose a new folder for the report"
        case .writeFailed(let path, let reason): "writing \(path) failed: \(reason)"
        }
    }
}
