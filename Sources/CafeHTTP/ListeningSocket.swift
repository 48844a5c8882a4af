#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The café's door: a listening TCP socket on POSIX. The sync café's workers accept from it directly; the
/// async café opens it the same way and its loops accept from it themselves (`LoopDoors`), handing each
/// customer to SwiftNIO (`ClientBootstrap.withConnectedSocket`).
///
/// Why the async café does not let NIO bind it: `/stats` reads the accept queue with `TCP_INFO` on this socket from the admin
/// thread. NIO would only let us ask through the channel (`getTCPInfo()` / `unsafeGetSocketOption`), which
/// runs *on the serving event loop* — exactly the thread that is stuck when the handler blocks, so the
/// meter would freeze when it matters most. Holding the descriptor ourselves reads it without the loop.
/// (Binding ourselves also gives the same one-line "port in use" error as the sync café.)
public enum ListeningSocket {
    /// `host` is an IPv4 address, an IPv6 one (`::1`, `::`), or `localhost` (127.0.0.1). With `reusePort` the
    /// socket may share its port with others that set it too (`SO_REUSEPORT`: the kernel spreads newcomers).
    public static func open(
        host: String, port: Int, backlog: Int, reusePort: Bool = false
    ) throws(ServeError) -> Int32 {
        guard let address = SocketAddress(host: host, port: port) else { throw .badHost(host) }
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if reusePort { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &yes, socklen_t(MemoryLayout<Int32>.size)) }
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        if bound != 0 {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .portInUse(port) : .system(call: "bind", errno: code)
        }
        guard listen(fd, Int32(clamping: backlog)) == 0 else {
            let code = errno
            close(fd)
            throw .system(call: "listen", errno: code)
        }
        return fd
    }

    /// `count` sockets on one port, each with its own accept queue (`SO_REUSEPORT`, as nginx's `listen … reuseport`).
    /// A port already taken is refused as `open` refuses it: any process of this user that sets `SO_REUSEPORT`
    /// could otherwise join the group silently, so the port is first bound once without it.
    public static func openGroup(host: String, port: Int, backlog: Int, count: Int) throws(ServeError) -> [Int32] {
        if port != 0 { close(try open(host: host, port: port, backlog: 1)) }
        let first = try open(host: host, port: port, backlog: backlog, reusePort: true)
        var sockets = [first]
        for _ in 1..<max(count, 1) {
            do {
                sockets.append(try open(host: host, port: boundPort(first), backlog: backlog, reusePort: true))
            } catch {
                sockets.forEach { close($0) }
                throw error
            }
        }
        return sockets
    }

    /// The port a socket is bound to (the real one after binding port 0).
    public static func boundPort(_ fd: Int32) -> Int {
        // Room for either family; the port sits at the same place in sockaddr_in and sockaddr_in6.
        var address = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin6_port))
    }
}
