import CSystemShims

/// The accept queue of a server on this machine that barista did not start (gunicorn, uvicorn, any local URL),
/// read from the kernel by port as `ss -ltn` reads it; the cafés read their own socket with `TCP_INFO` instead.
public enum ListenBacklog {
    /// Connections waiting to be accepted and the backlog, over every listener on `port`; nil when nothing
    /// listens there or the kernel cannot be asked (not Linux).
    public static func ofPort(_ port: Int) -> (queued: Int, backlog: Int)? {
        var queued: UInt32 = 0, backlog: UInt32 = 0
        guard shim_listen_queue_of_port(Int32(port), &queued, &backlog) == 0 else { return nil }
        return (Int(queued), Int(backlog))
    }
}
