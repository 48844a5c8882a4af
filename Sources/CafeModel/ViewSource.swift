/// The code a real server runs (`--peers python`, `--peers django`), read from the app file barista started it
/// with: each view function's lines with their numbers, so the code panel shows the view that is running, not a
/// copy of it. In the café: the recipe pinned behind the counter.
public struct ViewSource: Equatable, Sendable {
    /// One line of the file, numbered from 1 as an editor does.
    public struct Line: Equatable, Sendable {
        public var number: Int
        public var text: String

        public init(number: Int, text: String) {
            self.number = number
            self.text = text
        }
    }

    /// The file as a student finds it: `Lessons/python/asgi_app.py`.
    public var file: String
    /// What runs it, for the panel's comment: "uvicorn", "gunicorn sync workers".
    public var server: String
    /// The view functions, by name: `app`, or Django's `brew`, `brew_blocking`, `brew_offload`, `brew_sync_orm`.
    public var functions: [String: [Line]]

    public init(file: String, server: String, functions: [String: [Line]]) {
        self.file = file
        self.server = server
        self.functions = functions
    }

    /// The function a scene's customers reach: Django's async views are one per handler (the same mapping as the
    /// peers' path, `PeerStack.view(for:)`); a plain ASGI or WSGI app is one `app`.
    public func function(for scenario: Scenario) -> (name: String, lines: [Line])? {
        var names = ["app", "brew"]
        switch scenario.asyncHandler {
        case .await: break
        case .block: names.insert("brew_blocking", at: 0)
        case .offload: names.insert("brew_offload", at: 0)
        }
        // The sync ORM's view wins over the handler's, as the peers' path does.
        if scenario.django.syncORM { names.insert("brew_sync_orm", at: 0) }
        for name in names {
            if let lines = functions[name] { return (name, lines) }
        }
        return nil
    }

    /// The functions `names` of a Python file's text: each from its `def` (or `async def`) at the left margin to the
    /// last line indented under it.
    public static func functions(in text: String, named names: [String]) -> [String: [Line]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [String: [Line]] = [:]
        for (index, line) in lines.enumerated() {
            guard let name = names.first(where: { line.hasPrefix("def \($0)(") || line.hasPrefix("async def \($0)(") })
            else { continue }
            var body = [Line(number: index + 1, text: line)]
            for next in (index + 1)..<lines.count {
                let text = lines[next]
                if !text.isEmpty, !text.hasPrefix(" "), !text.hasPrefix("\t") { break }
                body.append(Line(number: next + 1, text: text))
            }
            while body.last?.text.allSatisfy(\.isWhitespace) == true { body.removeLast() }
            found[name] = body
        }
        return found
    }
}
