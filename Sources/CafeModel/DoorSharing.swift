/// How the async café's loops share the door (the listening socket), as uvicorn's workers can.
/// - `shared`: one socket, one kernel accept queue; each loop takes customers in by itself while it is free, so
///   a loop stuck in a blocking call takes nobody new and a free loop takes them all (gunicorn's default).
/// - `reuseport`: one socket per loop (`SO_REUSEPORT`), one queue each; the kernel hashes every newcomer onto a
///   loop's queue, also onto a blocked loop's: an even spread, a wider spread of waits (nginx `listen … reuseport`,
///   uvicorn's open "socket load balance" proposal). gunicorn's `--reuse-port` is not this: it sets the flag on the
///   one socket its arbiter binds, which every worker inherits, so its workers still share one queue (measured).
public enum DoorSharing: String, Codable, Sendable, CaseIterable {
    case shared
    case reuseport
}
