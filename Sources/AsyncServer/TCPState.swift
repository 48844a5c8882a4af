import NIOCore

/// A TCP connection's state as the Linux kernel keeps it (`tcpi_state` of `TCP_INFO`; the numbers are those of
/// the kernel's `include/net/tcp_states.h`). Only the two the café asks about are named.
enum TCPState: UInt8 {
    /// `TCP_CLOSE` (7): the connection is gone — reset by the client, or closed on both sides.
    case close = 7
    /// `TCP_CLOSE_WAIT` (8): the client sent its FIN (it said goodbye) and the kernel waits for us to close too.
    case closeWait = 8

    /// True when the kernel says the customer has left (`CLOSE_WAIT` or `CLOSE`).
    ///
    /// Why ask the kernel: a brew that held the loop thread (`block`, or a CPU brew) kept the loop from reading
    /// the customer's end of file while it lasted, so NIO does not know yet. Called on the channel's loop,
    /// where NIO answers socket options at once. Other systems: always false (no `TCP_INFO`).
    static func customerHasLeft(_ channel: any Channel) -> Bool {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return false }
        var left = false
        provider.getTCPInfo().assumeIsolated().whenSuccess { info in
            left = info.tcpi_state == TCPState.closeWait.rawValue || info.tcpi_state == TCPState.close.rawValue
        }
        return left
        #else
        return false
        #endif
    }
}
