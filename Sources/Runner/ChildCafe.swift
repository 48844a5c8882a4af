import CafeModel
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A café running as a child process of barista (`barista serve sync|async …`), and what it said on stderr.
public final class ChildCafe: Sendable {
    public let cafe: CafeKind
    public let pid: pid_t
    public let port: Int
    public let adminPort: Int
    /// The process that serves, when it is not `pid` itself: a Python café's command (gunicorn's arbiter, which
    /// takes SIGTTIN/SIGTTOU), started by its guard `pid`.
    public let commandPID: pid_t
    private let state: Mutex<State>

    struct State {
        var stderrTail: [String] = []
        var exitStatus: Int32?
        var lastException: (name: String, at: ContinuousClock.Instant)?
    }

    init(cafe: CafeKind, pid: pid_t, port: Int, adminPort: Int, stderrTail: [String], commandPID: pid_t? = nil) {
        self.cafe = cafe
        self.pid = pid
        self.commandPID = commandPID ?? pid
        self.port = port
        self.adminPort = adminPort
        state = Mutex(State(stderrTail: stderrTail))
    }

    /// The last line the café wrote on stderr (shown when it dies mid-show).
    public var lastStderrLine: String? { state.withLock { $0.stderrTail.last } }

    /// How the process ended (`waitpid` status decoded: exit code, or 128 + signal), or nil while it runs.
    public var exitStatus: Int32? {
        reap()
        return state.withLock { $0.exitStatus }
    }

    public var isRunning: Bool { exitStatus == nil }

    /// The exception a Python café's log named in the last five seconds: "SynchronousOnlyOperation" from the last
    /// line of a traceback, `django.core.exceptions.SynchronousOnlyOperation: You cannot call this from an async …`.
    public var lastException: String? {
        state.withLock { state in
            state.lastException.flatMap { $0.at.duration(to: .now) < .seconds(5) ? $0.name : nil }
        }
    }

    func appendStderr(_ line: String) {
        let exception = Self.exceptionName(in: line)
        state.withLock { state in
            if let exception { state.lastException = (exception, .now) }
            state.stderrTail.append(line)
            if state.stderrTail.count > 20 { state.stderrTail.removeFirst(state.stderrTail.count - 20) }
        }
    }

    /// The exception a traceback's last line names (`module.Name: message`, not indented), or nil.
    static func exceptionName(in line: String) -> String? {
        guard let first = line.first, !first.isWhitespace, let colon = line.range(of: ": ") else { return nil }
        let dotted = line[..<colon.lowerBound]
        guard !dotted.isEmpty, dotted.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) else {
            return nil
        }
        let name = String(dotted.split(separator: ".").last ?? dotted)
        // A class name (SynchronousOnlyOperation, ValueError), not a log level or a word of prose.
        guard let initial = name.first, initial.isUppercase, name.contains(where: \.isLowercase),
            ["Error", "Exception", "Operation"].contains(where: { name.hasSuffix($0) }) || dotted.contains(".")
        else { return nil }
        return name
    }

    /// Collects the exit status if the child has ended, without blocking.
    func reap(blocking: Bool = false) {
        guard state.withLock({ $0.exitStatus == nil }) else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard result == pid else { return }
        state.withLock { $0.exitStatus = Self.exitCode(waitStatus: status) }
    }

    /// A `waitpid` status as a shell shows it: the exit code of a process that exited, 128 + the signal of
    /// one that was killed (the one place barista decodes it; Glibc's WIFEXITED macros are not in Swift).
    public static func exitCode(waitStatus status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
