import Foundation

/// A loopback port on which nobody listens: a connection to it is refused at once.
///
/// The port stays bound (never listened on) until `close()`. Were it closed at once, the kernel could hand the same
/// number to the next test that binds port 0, and this test's refused customers would queue at that test's door.
public final class ClosedLoopbackPort: Sendable {
    public let port: Int
    private let fd: Int32

    public init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, length)
                return getsockname(fd, $0, &length)
            }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Gives the number back to the kernel.
    public func close() {
        _ = Foundation.close(fd)
    }
}
