import Foundation
import Testing

/// The Python with gunicorn and uvicorn that the peer tests (`--peers python`) run: `$BARISTA_PYTHON`, else the
/// checkout's `.venv/bin/python` (which `.ci/run` creates). Without it those tests skip, saying how to enable them.
public enum PeerPython {
    /// The checkout this test file belongs to.
    public static var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `Lessons/python`: the WSGI and ASGI apps.
    public static var apps: String { checkout.appendingPathComponent("Lessons/python").path }

    /// The one line a skipped peer test shows.
    public static let howToEnable: Comment =
        "needs gunicorn and uvicorn: python3 -m venv .venv && .venv/bin/pip install -r Lessons/python/requirements.txt (or set BARISTA_PYTHON)"

    /// The Python to use, or nil when none has gunicorn and uvicorn.
    public static let path: String? = python(importing: "gunicorn, uvicorn, uvicorn_worker")

    /// The Python for the Django tests (`--peers django`): the pinned Django, gunicorn, uvicorn and uvicorn-worker.
    public static let djangoPath: String? = python(importing: "django, gunicorn, uvicorn, uvicorn_worker")

    public static var hasDjango: Bool { djangoPath != nil }

    /// The one line a skipped Django test shows.
    public static let howToEnableDjango: Comment =
        "needs Django, gunicorn, uvicorn, uvicorn-worker: python3 -m venv .venv && .venv/bin/pip install -r Lessons/python/requirements.txt (or set BARISTA_PYTHON)"

    private static func python(importing modules: String) -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["BARISTA_PYTHON"],
            checkout.appendingPathComponent(".venv/bin/python").path,
        ].compactMap { $0 }
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import " + modules]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    public static var isAvailable: Bool { path != nil }

    /// The one line a test of `gunicorn -k uvicorn_worker.UvicornWorker` shows when it skips.
    public static let howToEnableUvicornWorker: Comment =
        "needs uvicorn_worker (pip install uvicorn-worker) in BARISTA_PYTHON or .venv, beside gunicorn and uvicorn"

    /// True when that Python can also import `uvicorn_worker` (gunicorn's uvicorn worker class, its own package
    /// since uvicorn deprecated `uvicorn.workers`).
    public static let hasUvicornWorker: Bool = {
        guard let path else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", "import uvicorn_worker"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}

/// The live processes a show started, however deep (gunicorn's workers too): each inherits the show's pid in
/// `BARISTA_SUPERVISOR_PID` from the guard barista put in front of it (read from /proc/PID/environ).
public func processes(startedBy show: Int32) -> [Int32] {
    let mark = Array("BARISTA_SUPERVISOR_PID=\(show)".utf8)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        else { return false }
        return environ.split(separator: 0).contains { Array($0) == mark }
    }
}
