import CafeModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The seed's own stack as the two cafés (`barista --peers python`): gunicorn with sync workers running
/// `Lessons/python/wsgi_app.py`, and uvicorn's event loop running `asgi_app.py` (gunicorn with uvicorn workers for
/// more than one loop), each on a free loopback port, each under a `barista peer-guard` that ends its whole process
/// group with the show.
public struct PeerStack: Sendable {
    /// The Python that has gunicorn and uvicorn (a venv's `bin/python`).
    public var python: String
    /// The folder holding `wsgi_app.py` and `asgi_app.py`.
    public var appDirectory: String

    /// The line that installs what the peers need, printed when they are missing.
    public static let installHint =
        "python3 -m pip install -r Lessons/python/requirements.txt (or in a venv: python3 -m venv .venv && "
        + ".venv/bin/pip install -r Lessons/python/requirements.txt, then --python .venv/bin/python)"

    /// The environment variable naming the Python to use when `--python` is not given.
    public static let pythonVariable = "BARISTA_PYTHON"

    public init(python: String, appDirectory: String) {
        self.python = python
        self.appDirectory = appDirectory
    }

    /// What the customers ask each Python café for: the async one is told how to brew (`{mode}`: await, block,
    /// offload), so `m` switches uvicorn between the buzzer, the blocking mistake and the thread pool.
    public static func pathTemplate(_ cafe: CafeKind) -> String {
        cafe == .sync ? "/brew?ms={ms}&kind={kind}" : "/brew?ms={ms}&kind={kind}&mode={mode}"
    }

    /// `gunicorn -w N` on sync workers.
    public static func gunicorn(workers: Int) -> [String] {
        ["-m", "gunicorn", "--workers", String(workers), "--bind", "127.0.0.1:0", "--graceful-timeout", "1",
         "--worker-class", "sync", "wsgi_app:app"]
    }

    /// uvicorn alone for one loop; gunicorn with `-k uvicorn.workers.UvicornWorker` (the blog post's deployment)
    /// for several.
    public static func uvicorn(loops: Int) -> [String] {
        if loops == 1 {
            return ["-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "--no-access-log", "asgi_app:app"]
        }
        return ["-m", "gunicorn", "--workers", String(loops), "--bind", "127.0.0.1:0", "--graceful-timeout", "1",
                "--worker-class", "uvicorn.workers.UvicornWorker", "asgi_app:app"]
    }

    /// What the pane's title says serves there.
    public static func serverName(_ cafe: CafeKind, scenario: Scenario) -> String {
        if cafe == .sync { return "gunicorn -w \(scenario.syncWorkers)" }
        return scenario.loops == 1 ? "uvicorn" : "gunicorn -k UvicornWorker -w \(scenario.loops)"
    }

    /// Whether this Python can import gunicorn and uvicorn; nil when it can, else why not (one line).
    public func missing() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import gunicorn, uvicorn"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "no Python at \(python)"
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "gunicorn or uvicorn is missing from \(python)"
    }

    /// Starts both Python cafés, each under its guard; on failure nothing is left running.
    func launch(_ cafe: CafeKind, scenario: Scenario, supervisor: Supervisor) throws(SupervisorError) -> ChildCafe {
        let arguments = cafe == .sync ? Self.gunicorn(workers: scenario.syncWorkers) : Self.uvicorn(loops: scenario.loops)
        return try supervisor.launchPeer(cafe, command: [python] + arguments, directory: appDirectory)
    }

    /// Where to look for the apps and the Python when none is named: `Lessons/python` beside the current folder
    /// (the command finds the package's own first, as it finds the lessons), and `$BARISTA_PYTHON`,
    /// `.venv/bin/python`, or `python3`.
    public static func defaults(python: String?, appDirectory: String?) -> PeerStack {
        let environment = ProcessInfo.processInfo.environment
        let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        let chosen = python ?? environment[pythonVariable]
            ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3")
        let directory = appDirectory ?? FileManager.default.currentDirectoryPath + "/Lessons/python"
        return PeerStack(python: Self.resolve(chosen), appDirectory: directory)
    }

    /// A bare command name found on PATH, so the guard's exec and the check above run the same file.
    static func resolve(_ command: String) -> String {
        if command.hasPrefix("/") { return command }
        // The guard runs in the apps' folder: a relative path must not change meaning there.
        if command.contains("/") { return FileManager.default.currentDirectoryPath + "/" + command }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(command)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return command
    }

    /// The queue on which gunicorn's worker count is changed, one signal at a time.
    private static let workerSignals = DispatchQueue(label: "barista.peers.workers")

    /// Changes gunicorn's worker count by `delta`: one SIGTTIN (or SIGTTOU) to its arbiter, then a wait until the
    /// arbiter has one more (or one fewer) worker before the next. Two of the same signal sent at once reach a
    /// process as one (standard signals do not queue), so `setWorkers(6)` from 4 must not send two at once.
    static func changeWorkers(arbiter: pid_t, by delta: Int) {
        guard delta != 0 else { return }
        workerSignals.async {
            let clock = ContinuousClock()
            for _ in 0..<abs(delta) {
                let before = workerCount(of: arbiter)
                kill(arbiter, delta > 0 ? SIGTTIN : SIGTTOU)
                let deadline = clock.now.advanced(by: .seconds(3))
                while workerCount(of: arbiter) == before && clock.now < deadline { usleep(20_000) }
            }
        }
    }

    /// The live processes whose parent is `arbiter` (from /proc): gunicorn's workers.
    static func workerCount(of arbiter: pid_t) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.reduce(0) { count, entry in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return count }
            // After "pid (comm) ": state, then ppid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return count + (fields.count > 1 && fields[0] != "Z" && Int32(fields[1]) == arbiter ? 1 : 0)
        }
    }
}
