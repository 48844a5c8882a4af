import CafeModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The seed's own stack as the two cafés. `barista --peers python`: gunicorn with sync workers running
/// `Lessons/python/wsgi_app.py`, and uvicorn's event loop running `asgi_app.py` (gunicorn with uvicorn workers for
/// more than one loop). `barista --peers django`: the real Django project of `Lessons/python/django`, started with
/// the seed's own commands (`gunicorn cafe.wsgi -w N`; `uvicorn cafe.asgi:application`, or gunicorn with
/// `-k uvicorn_worker.UvicornWorker -w L`). Each on a free loopback port, each under a `barista peer-guard` that
/// ends its whole process group with the show.
public struct PeerStack: Sendable {
    /// Which apps: our own small WSGI/ASGI apps, or the Django project.
    public enum Apps: String, Sendable, CaseIterable {
        case python, django
    }

    public var apps: Apps
    /// The Python that has gunicorn and uvicorn (a venv's `bin/python`).
    public var python: String
    /// The folder holding `wsgi_app.py` and `asgi_app.py` (`Lessons/python`); the Django project is its `django/`.
    public var appDirectory: String

    /// The line that installs what the peers need, printed when they are missing.
    public static let installHint =
        "python3 -m pip install -r Lessons/python/requirements.txt (or in a venv: python3 -m venv .venv && "
        + ".venv/bin/pip install -r Lessons/python/requirements.txt, then --python .venv/bin/python)"

    /// The environment variable naming the Python to use when `--python` is not given.
    public static let pythonVariable = "BARISTA_PYTHON"

    public init(python: String, appDirectory: String, apps: Apps = .python) {
        self.python = python
        self.appDirectory = appDirectory
        self.apps = apps
    }

    /// Where the command runs: the apps' folder, or the Django project's (where `manage.py` is).
    public var directory: String { apps == .django ? appDirectory + "/django" : appDirectory }

    /// The file that must be in `appDirectory` for these apps.
    public var marker: String { apps == .django ? "django/manage.py" : "wsgi_app.py" }

    /// What the customers ask each Python café for. Our async app is told how to brew (`{mode}`: await, block,
    /// offload); Django's async views are separate views (`{view}`, from `view(for:)`), so `m` switches between
    /// the buzzer, the blocking mistake and the thread.
    public func pathTemplate(_ cafe: CafeKind) -> String {
        switch (apps, cafe) {
        case (.python, .sync), (.django, .sync): return "/brew?ms={ms}&kind={kind}"
        case (.python, .async): return "/brew?ms={ms}&kind={kind}&mode={mode}"
        case (.django, .async): return "/async/{view}?ms={ms}&kind={kind}"
        }
    }

    /// The Django async view a scene asks for: `brew_sync_orm` when the scene asks for the sync ORM, else the view
    /// of the async handler (await: `brew`, block: `brew_blocking`, offload: `brew_offload`).
    public static func view(for scenario: Scenario) -> String {
        if scenario.django.syncORM { return "brew_sync_orm" }
        switch scenario.asyncHandler {
        case .await: return "brew"
        case .block: return "brew_blocking"
        case .offload: return "brew_offload"
        }
    }

    /// gunicorn's options barista adds to every command: a free loopback port, a short grace on SIGTERM, and no
    /// control socket (gunicorn 25.1+ opens one at the same path for every arbiter; barista uses signals).
    static let gunicornPlumbing = ["--bind", "127.0.0.1:0", "--graceful-timeout", "1", "--no-control-socket"]

    /// `gunicorn -w N` on sync workers.
    public static func gunicorn(workers: Int) -> [String] {
        ["-m", "gunicorn", "--workers", String(workers)] + gunicornPlumbing + [
            "--worker-class", "sync", "wsgi_app:app",
        ]
    }

    /// uvicorn alone for one loop; gunicorn with `-k uvicorn_worker.UvicornWorker` (the blog post's deployment, in
    /// today's spelling: uvicorn 0.30 deprecated its `uvicorn.workers`) for several.
    public static func uvicorn(loops: Int) -> [String] {
        if loops == 1 {
            return ["-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "--no-access-log", "asgi_app:app"]
        }
        return ["-m", "gunicorn", "--workers", String(loops)] + gunicornPlumbing
            + ["--worker-class", "uvicorn_worker.UvicornWorker", "asgi_app:app"]
    }

    /// The seed's commands on the Django project, as typed, then what barista adds to run them on a free port.
    public static func django(_ cafe: CafeKind, scenario: Scenario) -> (typed: [String], plumbing: [String]) {
        if cafe == .sync { return (["gunicorn", "cafe.wsgi", "-w", String(scenario.syncWorkers)], gunicornPlumbing) }
        if scenario.loops == 1 {
            return (["uvicorn", "cafe.asgi:application"], ["--host", "127.0.0.1", "--port", "0", "--no-access-log"])
        }
        let typed = [
            "gunicorn", "cafe.asgi:application", "-k", "uvicorn_worker.UvicornWorker", "-w", String(scenario.loops),
        ]
        return (typed, gunicornPlumbing)
    }

    /// The environment a scene gives the Django project (`django: middleware=sync` → `CAFE_MIDDLEWARE=sync`).
    static func djangoEnvironment(_ scenario: Scenario) -> [String] {
        scenario.django.syncMiddleware ? ["CAFE_MIDDLEWARE=sync"] : []
    }

    /// What the pane's title says serves there: for Django the command as a user types it (its environment first).
    public func serverName(_ cafe: CafeKind, scenario: Scenario) -> String {
        guard apps == .django else { return Self.serverName(cafe, scenario: scenario) }
        return (Self.djangoEnvironment(scenario) + Self.django(cafe, scenario: scenario).typed).joined(separator: " ")
    }

    /// What the pane's title says serves there (`--peers python`).
    public static func serverName(_ cafe: CafeKind, scenario: Scenario) -> String {
        if cafe == .sync { return "gunicorn -w \(scenario.syncWorkers)" }
        return scenario.loops == 1 ? "uvicorn" : "gunicorn -k uvicorn_worker.UvicornWorker -w \(scenario.loops)"
    }

    /// The modules this Python must import for these apps.
    var modules: [String] {
        (apps == .django ? ["django"] : []) + ["gunicorn", "uvicorn", "uvicorn_worker"]
    }

    /// Whether this Python can import gunicorn and uvicorn; nil when it can, else why not (one line).
    public func missing() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import " + modules.joined(separator: ", ")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "no Python at \(python)"
        }
        process.waitUntilExit()
        let names = modules.joined(separator: ", ")
        return process.terminationStatus == 0 ? nil : "\(names): one or more missing from \(python)"
    }

    /// Starts both Python cafés, each under its guard; on failure nothing is left running.
    func launch(_ cafe: CafeKind, scenario: Scenario, supervisor: Supervisor) throws(SupervisorError) -> ChildCafe {
        if apps == .django {
            // `gunicorn …` as `python -m gunicorn …`: the same program, from the Python that has it.
            let (typed, plumbing) = Self.django(cafe, scenario: scenario)
            let environment = Self.djangoEnvironment(scenario)
            let command =
                (environment.isEmpty ? [] : ["/usr/bin/env"] + environment)
                + [python, "-m"] + typed + plumbing
            return try supervisor.launchPeer(cafe, command: command, directory: directory)
        }
        let arguments =
            cafe == .sync ? Self.gunicorn(workers: scenario.syncWorkers) : Self.uvicorn(loops: scenario.loops)
        return try supervisor.launchPeer(cafe, command: [python] + arguments, directory: appDirectory)
    }

    /// Where to look for the apps and the Python when none is named: `Lessons/python` beside the current folder
    /// (the command finds the package's own first, as it finds the lessons), and `$BARISTA_PYTHON`,
    /// `.venv/bin/python`, or `python3`.
    public static func defaults(python: String?, appDirectory: String?, apps: Apps = .python) -> PeerStack {
        let environment = ProcessInfo.processInfo.environment
        let venv = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        let chosen =
            python ?? environment[pythonVariable]
            ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3")
        let directory = appDirectory ?? FileManager.default.currentDirectoryPath + "/Lessons/python"
        return PeerStack(python: Self.resolve(chosen), appDirectory: directory, apps: apps)
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
