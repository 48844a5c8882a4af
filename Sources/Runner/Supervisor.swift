import CSystemShims
import CafeModel
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Starts the cafés as child processes of the same binary and makes sure none outlives barista.
///
/// Each child runs in its own process group (so a terminal's signals reach barista, which decides), is told
/// the Supervisor's pid (so it asks the kernel for SIGTERM when barista dies, even by `kill -9`), and is
/// waited for until it prints its JSON ready line.
public final class Supervisor: Sendable {
    public let executable: String
    private let children = Mutex<[ChildCafe]>([])

    /// `executable`: the barista binary to run as `barista serve …` (normally this very process's binary).
    public init(executable: String = Supervisor.currentExecutable) {
        self.executable = executable
    }

    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Starts `barista serve <cafe> <arguments>` and waits for its ready line. When `port` is taken, the café
    /// is started again on a free port (so the show runs even if 8001 is busy).
    public func launch(
        _ cafe: CafeKind, port: Int, arguments: [String], readyTimeout: Duration = .seconds(5)
    ) throws(SupervisorError) -> ChildCafe {
        do {
            return try start(
                cafe, command: ["serve", cafe.rawValue, "--port", String(port)] + arguments, readyTimeout: readyTimeout)
        } catch SupervisorError.exited(_, status: 2, let stderr) where stderr.contains("already in use") && port != 0 {
            return try start(
                cafe, command: ["serve", cafe.rawValue, "--port", "0"] + arguments, readyTimeout: readyTimeout)
        }
    }

    /// Starts a real Python café (`--peers python`) under `barista peer-guard`, which ends its whole process group
    /// with the show, and waits until it answers `GET /`. The child's `pid` is the guard's (its process group);
    /// the ready line's `pid` is the Python command's (gunicorn's arbiter). `directory` is where it runs.
    /// `port`: where the command listens, when barista chose it (nginx); else the guard reads it from the command's
    /// stderr (gunicorn, uvicorn).
    public func launchPeer(
        _ cafe: CafeKind, command: [String], directory: String, port: Int? = nil, readyTimeout: Duration = .seconds(20)
    ) throws(SupervisorError) -> ChildCafe {
        let seconds = Int(readyTimeout.components.seconds)
        let known = port.map { ["--port", String($0)] } ?? []
        return try start(
            cafe,
            command: [
                "peer-guard", "--cafe", cafe.rawValue, "--ready-timeout", "\(seconds)s", "--directory", directory,
            ]
                + known + ["--"] + command,
            readyTimeout: readyTimeout)
    }

    /// Ends every café: SIGTERM, up to `grace` to finish the cups in progress, then SIGKILL. Safe to call more
    /// than once. Returns once every café has ended, or after `grace` plus `reapWithin` at the most: a café
    /// killed but not yet reaped by then is gone all the same (SIGKILL cannot be refused) and, once barista
    /// exits, init reaps it.
    public func terminateAll(grace: Duration = .milliseconds(2500), reapWithin: Duration = .milliseconds(500)) {
        let running = children.withLock { $0 }.filter(\.isRunning)
        // To the child's whole process group: a Python café's workers are in its guard's group.
        for child in running { kill(-child.pid, SIGTERM) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while clock.now < deadline && running.contains(where: \.isRunning) { usleep(5_000) }
        let stubborn = running.filter(\.isRunning)
        for child in stubborn { kill(-child.pid, SIGKILL) }
        let reapDeadline = clock.now.advanced(by: reapWithin)
        while clock.now < reapDeadline && stubborn.contains(where: \.isRunning) { usleep(2_000) }
    }

    /// Ends one café at once (SIGKILL: the customers inside are dropped, the kernel empties its door) and waits
    /// for it, so its ports are free again when this returns. The show's clean slate (`x`) uses it.
    public func endNow(_ child: ChildCafe) {
        if child.isRunning {
            kill(-child.pid, SIGKILL)
            child.reap(blocking: true)
        }
        children.withLock { $0.removeAll { $0 === child } }
    }

    // MARK: - Spawning

    private func start(_ cafe: CafeKind, command: [String], readyTimeout: Duration) throws(SupervisorError) -> ChildCafe
    {
        var stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw .spawnFailed(cafe, errno: errno) }
        let argv = [executable] + command
        var environment = ProcessInfo.processInfo.environment
        environment[ServeProcess.supervisorPIDVariable] = String(getpid())
        let pid: pid_t
        do {
            pid = try spawn(argv: argv, environment: environment, stdout: stdoutPipe[1], stderr: stderrPipe[1])
        } catch {
            [stdoutPipe[0], stdoutPipe[1], stderrPipe[0], stderrPipe[1]].forEach { _ = close($0) }
            throw .spawnFailed(cafe, errno: error.code)
        }
        close(stdoutPipe[1])
        close(stderrPipe[1])
        let stderrLines = LineCollector()
        let stderrFD = stderrPipe[0]
        let stderrReader = Thread { stderrLines.collect(from: stderrFD) }
        stderrReader.start()

        let ready = ReadyLine.wait(on: stdoutPipe[0], timeout: readyTimeout)
        // Keep draining stdout so the child never blocks on a full pipe; it prints nothing after the ready line.
        let stdoutFD = stdoutPipe[0]
        Thread { LineCollector().collect(from: stdoutFD) }.start()
        guard let ready else {
            var status: Int32 = 0
            let ended = waitpid(pid, &status, WNOHANG) == pid || Self.waitBriefly(pid, &status)
            if ended {
                throw .exited(
                    cafe, status: ChildCafe.exitCode(waitStatus: status),
                    stderr: stderrLines.text(waitingUpTo: .milliseconds(300)))
            }
            // The whole group: a Python café not ready in time has workers of its own.
            kill(-pid, SIGKILL)
            waitpid(pid, &status, 0)
            throw .notReady(cafe, within: readyTimeout, stderr: stderrLines.text(waitingUpTo: .milliseconds(300)))
        }
        let child = ChildCafe(
            cafe: cafe, pid: pid, port: ready.port, adminPort: ready.adminPort, stderrTail: [], commandPID: ready.pid)
        stderrLines.forward { child.appendStderr($0) }
        children.withLock { $0.append(child) }
        return child
    }

    private static func waitBriefly(_ pid: pid_t, _ status: inout Int32) -> Bool {
        for _ in 0..<30 {
            if waitpid(pid, &status, WNOHANG) == pid { return true }
            usleep(10_000)
        }
        return false
    }

    private struct SpawnError: Error { var code: Int32 }

    /// posix_spawn in a new process group, with a clean signal mask and stdout/stderr on our pipes.
    private func spawn(
        argv: [String], environment: [String: String], stdout: Int32, stderr: Int32
    ) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        _ = shim_spawn_close_from(&actions, 3)  // only 0, 1 and 2 reach the child (why: CSystemShims.h)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        // On the one long-lived spawning thread: the child's parent-death signal follows the thread that made it.
        let request = SpawnRequest(
            actions: actions, attributes: attributes, arguments: cArguments, environment: cEnvironment)
        let (pid, result) = SpawningThread.shared.run { request.spawn() }
        guard result == 0 else { throw SpawnError(code: result) }
        return pid
    }
}

/// The arguments of one `posix_spawn`, carried to the spawning thread.
/// Safe to send: the caller waits for the spawn to finish before it frees or destroys any of them.
private struct SpawnRequest: @unchecked Sendable {
    var actions: posix_spawn_file_actions_t
    var attributes: posix_spawnattr_t
    var arguments: [UnsafeMutablePointer<CChar>?]
    var environment: [UnsafeMutablePointer<CChar>?]

    func spawn() -> (pid_t, Int32) {
        var pid: pid_t = 0
        var actions = actions, attributes = attributes
        var arguments = arguments, environment = environment
        let result = posix_spawn(&pid, arguments[0]!, &actions, &attributes, &arguments, &environment)
        return (pid, result)
    }
}
