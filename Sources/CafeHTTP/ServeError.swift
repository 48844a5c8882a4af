#if canImport(Glibc)
import Glibc
#endif

/// Why a café could not open: each case prints as one line that says what to do.
public enum ServeError: Error, Equatable, Sendable, CustomStringConvertible {
    case portInUse(Int)
    case adminPortInUse(Int)
    case badHost(String)
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return
                "port \(port) is already in use: stop what listens there or choose another with --port (0 picks a free one)"
        case .adminPortInUse(let port):
            return "admin port \(port) is already in use: choose another with --admin-port (0 picks a free one)"
        case .badHost(let host):
            return "--host \(host) is not an IP address such as 127.0.0.1 or ::1 (or localhost)"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
