/// Why a benchmark could not run: said in one line, as the command line says every error.
public enum BenchmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `barista bench async` measures with wrk, a separate process, so the café is not timed by itself.
    case wrkMissing
    case failed(String)

    public var description: String {
        switch self {
        case .wrkMissing: "wrk is not installed: apt-get install -y wrk"
        case .failed(let why): why
        }
    }
}
