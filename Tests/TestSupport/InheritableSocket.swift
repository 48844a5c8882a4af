import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A socket opened without close-on-exec, as SwiftNIO opens its accepted connections: a child that inherits it
/// would keep a connection open after this process closed it. `link` is how `/proc/PID/fd` names it.
public final class InheritableSocket {
    public let fd: Int32
    public let link: String

    public init() {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var status = stat()
        fstat(fd, &status)
        link = "socket:[\(status.st_ino)]"
    }

    deinit { close(fd) }

    /// Whether process `pid` holds this socket among its descriptors.
    public func isHeld(by pid: pid_t) -> Bool {
        let folder = "/proc/\(pid)/fd"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.contains {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)")) == link
        }
    }
}
