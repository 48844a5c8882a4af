#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The address of a door, as the kernel lists the customers at it. A connection's local address is the one its client
/// dialled, so every customer of a door on 127.0.0.1:8000 is listed at 127.0.0.1:8000, and a server listening on
/// [::1]:8000 beside it is another door. A wildcard door (0.0.0.0, ::) takes customers at any of the machine's
/// addresses: it is known by its port alone.
public enum DoorAddress: Equatable, Sendable {
    case any
    /// Four bytes, in network order.
    case ipv4([UInt8])
    /// Sixteen bytes, in network order.
    case ipv6([UInt8])

    /// The address `host` names: an IPv4 or IPv6 address, or `localhost` (127.0.0.1). Any other name, and a wildcard,
    /// is `.any`.
    public init(host: String) {
        let host = host == "localhost" ? "127.0.0.1" : host
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            self.init(ipv4: withUnsafeBytes(of: &v4) { Array($0) })
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            self.init(ipv6: withUnsafeBytes(of: &v6) { Array($0) })
        } else {
            self = .any
        }
    }

    /// The address a listening socket is bound to.
    public static func of(listening fd: Int32) -> DoorAddress {
        var storage = sockaddr_storage()
        var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
        }
        guard named == 0 else { return .any }
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: &storage) { raw in
            switch family {
            case AF_INET:
                let address = raw.load(fromByteOffset: 0, as: sockaddr_in.self).sin_addr
                return DoorAddress(ipv4: withUnsafeBytes(of: address) { Array($0) })
            case AF_INET6:
                let address = raw.load(fromByteOffset: 0, as: sockaddr_in6.self).sin6_addr
                return DoorAddress(ipv6: withUnsafeBytes(of: address) { Array($0) })
            default:
                return .any
            }
        }
    }

    private init(ipv4 bytes: [UInt8]) {
        self = bytes.allSatisfy { $0 == 0 } ? .any : .ipv4(bytes)
    }

    private init(ipv6 bytes: [UInt8]) {
        self = bytes.allSatisfy { $0 == 0 } ? .any : .ipv6(bytes)
    }

    /// The family and the bytes sock_diag compares; nil for any address.
    var family: (family: Int32, bytes: [UInt8])? {
        switch self {
        case .any: nil
        case .ipv4(let bytes): (AF_INET, bytes)
        case .ipv6(let bytes): (AF_INET6, bytes)
        }
    }

    /// How `/proc/net/tcp{,6}` writes the address: each 32-bit word as this machine holds it in memory, in hex capitals
    /// (127.0.0.1 is `0100007F` on a little-endian machine). Nil for any address.
    var tableText: [UInt8]? {
        guard let bytes = family?.bytes else { return nil }
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 4) {
            let word = bytes[start..<start + 4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            for shift in stride(from: 28, through: 0, by: -4) {
                text.append(digits[Int((word >> UInt32(shift)) & 0xF)])
            }
        }
        return text
    }
}
