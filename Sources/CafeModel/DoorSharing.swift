/// How the async café's loops share the door (the listening socket), as uvicorn's workers can.
/// - `shared`: one socket, one kernel accept queue; each loop takes customers in by itself while it is free, so
///   a loop stuck in a blocking call takes nobody new and a free loop takes them all (gunicorn's default).
/// - `reuseport`: one socket per loop (`SO_REUSEPORT`), one queue each; the kernel hashes every newcomer onto a
///   loop's queue, also onto a blocked loop's: an even spread, a wider spread of waits (nginx `listen … reuseport`,
///   uvicorn's open "socket load balance" proposal, gunicorn 27's `--reuse-port`: each worker binds its own socket).
///   Up to gunicorn 23 `--reuse-port` only set the flag on the arbiter's one socket, so its workers shared one queue.
public enum DoorSharing: String, Codable, Sendable, CaseIterable {
    case shared
    case reuseport
}
