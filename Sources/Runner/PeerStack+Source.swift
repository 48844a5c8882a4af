import CafeModel
import Foundation

/// The code the peers run, read from their app files for the code panel: whatever a teacher has edited there is
/// what the screen shows.
extension PeerStack {
    /// The file and view functions behind one side; nil when the file cannot be read (the panel then says so).
    public func viewSource(_ cafe: CafeKind) -> ViewSource? {
        let (file, names, server): (String, [String], String)
        switch (apps, cafe) {
        case (.python, .sync): (file, names, server) = ("wsgi_app.py", ["app"], "gunicorn's sync workers")
        case (.python, .async): (file, names, server) = ("asgi_app.py", ["app"], "uvicorn's event loop")
        case (.django, .sync): (file, names, server) = ("django/orders/views.py", ["brew"], "gunicorn's sync workers")
        case (.django, .async):
            (file, names, server) = (
                "django/orders/async_views.py", ["brew", "brew_blocking", "brew_offload", "brew_sync_orm"],
                "uvicorn's event loop"
            )
        }
        let path = appDirectory + "/" + file
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return nil }
        let functions = ViewSource.functions(in: text, named: names)
        guard !functions.isEmpty else { return nil }
        return ViewSource(file: Self.shown(path), server: server, functions: functions)
    }

    /// `Lessons/python/asgi_app.py`: the path from the package's `Lessons` folder, as a student finds the file.
    static func shown(_ path: String) -> String {
        guard let range = path.range(of: "/Lessons/", options: .backwards) else { return path }
        return String(path[range.lowerBound...].dropFirst())
    }
}
