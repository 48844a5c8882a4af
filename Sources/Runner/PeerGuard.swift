import CSystemShims
import CafeHTTP
import CafeModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `barista peer-guard -- python -m gunicorn …` does: the doorman barista puts beside a real Python café
/// (`--peers python`) so that it never outlives the show.
///
/// On the server: a parent-death signal cannot be set inside gunicorn or uvicorn from outside, so this small
/// process sets one on itself (it dies with the show, even by `kill -9`), starts the command in its own process
/// group, and on SIGTERM — from the show, or from the kernel when the show dies — ends the whole group: SIGTERM,
/// a short grace, then SIGKILL, so no worker process is left. It forwards SIGTTIN/SIGTTOU to the command (gunicorn's
/// arbiter adds or removes a worker), watches the command's stderr for the port it says it listens on, waits until
/// `GET /` answers there, and then prints the same JSON ready line as `barista serve`, with the command's pid.
public enum PeerGuard {
    /// Guards `command` (not empty) until it ends or the show does; never returns.
    public static func run(
        _ command: [String], directory: String?, cafe: CafeKind, knownPort: Int?, grace: Duration,
        readyTimeout: Duration
    ) -> Never {
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGTTIN, SIGTTOU] { sigaddset(&handled, signal) }
        pthread_sigmask(SIG_SETMASK, &handled, nil)
        // The group this process ends must be its own, never its caller's (a shell, a test runner).
        setpgid(0, 0)
        if let text = ProcessInfo.processInfo.environment[ServeProcess.supervisorPIDVariable], let parent = Int32(text)
        {
            // Die with the show, even on kill -9; then close the race where it died before this call.
            _ = shim_set_parent_death_signal(SIGTERM)
            if getppid() != parent { Foundation.exit(0) }
        }
        if let directory, chdir(directory) != 0 {
            ServeProcess.warn("no such folder: \(directory)")
            Foundation.exit(2)
        }
        let scratch = makeScratchFolder()
        var errorPipe: [Int32] = [0, 0]
        guard pipe(&errorPipe) == 0 else { Foundation.exit(1) }
        let child: pid_t
        do {
            child = try spawn(command, stderr: errorPipe[1])
        } catch {
            ServeProcess.warn("could not start \(command[0]): \(String(cString: strerror(error.code)))")
            Foundation.exit(127)
        }
        close(errorPipe[1])
        let watcher = PortWatcher(
            stderr: errorPipe[0], child: child, cafe: cafe, timeout: readyTimeout, knownPort: knownPort)
        Thread { watcher.run() }.start()
        Foundation.exit(supervise(child, grace: grace, handled: handled, scratch: scratch))
    }

    /// A folder of this run for the command's temporary files, given to it as TMPDIR (Python's `tempfile` uses it:
    /// the Django project's SQLite of each process is there), so that what a killed worker leaves goes with the run.
    /// Named after this guard's pid: a guard killed outright (SIGKILL, the show's clean slate) cannot remove its
    /// folder, so each guard first removes the folders of guards that are gone.
    private static func makeScratchFolder() -> String? {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        where entry.hasPrefix("barista-peer-") {
            let owner = entry.dropFirst("barista-peer-".count).prefix { $0.isNumber }
            if let pid = Int32(owner), kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: "\(base)/\(entry)")
            }
        }
        var template = Array("\(base)/barista-peer-\(getpid())-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        let path = String(cString: made)
        setenv("TMPDIR", path, 1)
        return path
    }

    private static func removeScratch(_ scratch: String?) {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// Waits for signals until the command ends; returns the exit code to leave with.
    private static func supervise(_ child: pid_t, grace: Duration, handled: sigset_t, scratch: String?) -> Int32 {
        var set = handled
        while true {
            var received: Int32 = 0
            sigwait(&set, &received)
            switch received {
            case SIGCHLD:
                var status: Int32 = 0
                guard waitpid(child, &status, WNOHANG) == child else { continue }
                // The command ended by itself: whatever it left in the group (a worker) goes with it.
                kill(-getpgrp(), SIGTERM)
                removeScratch(scratch)
                return ChildCafe.exitCode(waitStatus: status)
            case SIGTTIN, SIGTTOU:
                kill(child, received)
            default:
                endGroup(child, grace: grace, scratch: scratch)
            }
        }
    }

    /// SIGTERM to the whole group (this process has it blocked), up to `grace` for the command to stop, then
    /// SIGKILL to the group, this process included: nothing of the run is left.
    private static func endGroup(_ child: pid_t, grace: Duration, scratch: String?) -> Never {
        kill(-getpgrp(), SIGTERM)
        // First: the show may not wait for the grace (it kills the group after its own, shorter one). The files
        // still open stay readable to the processes ending.
        removeScratch(scratch)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        var status: Int32 = 0
        while clock.now < deadline && waitpid(child, &status, WNOHANG) != child { usleep(10_000) }
        kill(-getpgrp(), SIGKILL)
        Foundation.exit(143)
    }

    private struct SpawnError: Error { var code: Int32 }

    /// posix_spawnp in this process's group, stderr on our pipe, signals unblocked and at their defaults.
    private static func spawn(_ argv: [String], stderr: Int32) throws(SpawnError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        _ = shim_spawn_close_from(&actions, 3)  // only 0, 1 and 2 reach the child (why: CSystemShims.h)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard result == 0 else { throw SpawnError(code: result) }
        return pid
    }
}
