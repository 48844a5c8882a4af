import Foundation

/// A program running in a detached tmux pane of a private tmux server: the pseudo-terminal a person would
/// use. Keys go in with `send-keys`; the screen comes out as text with `capture-pane`.
public final class TmuxSession: Sendable {
    public let socket: String
    public let statusFile: String

    /// Starts `command` (already shell-quoted words) in a `columns`×`rows` pane. The exit status of the
    /// command is written to `statusFile` when it ends; the pane then stays for a moment.
    public init(_ command: [String], columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        socket = "barista-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        statusFile = NSTemporaryDirectory() + socket + ".status"
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let variables = (["TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(environment) { $1 })
            .map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let script = "env \(variables) \(quoted); echo $? > \(statusFile); sleep 2"
        try Self.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "show", "-x", String(columns),
                       "-y", String(rows), script])
    }

    /// The screen as text, one line per row.
    public func capture() -> String {
        (try? Self.tmux(["-L", socket, "capture-pane", "-p", "-t", "show"])) ?? ""
    }

    /// Sends tmux key names one by one (e.g. "+", "q", "C-c", "Space").
    public func send(_ keys: String...) {
        for key in keys { _ = try? Self.tmux(["-L", socket, "send-keys", "-t", "show", key]) }
    }

    /// The pid of the program in the pane (the shell's child is the program itself after `env` execs it).
    public var panePID: Int32? {
        (try? Self.tmux(["-L", socket, "display-message", "-p", "-t", "show", "#{pane_pid}"]))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until the screen contains `text`; returns the last screen seen.
    @discardableResult
    public func waitForScreen(containing text: String, timeout: Duration = .seconds(15)) -> String {
        waitForScreen(timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    public func waitForScreen(timeout: Duration = .seconds(15), _ condition: (String) -> Bool) -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var screen = capture()
        while !condition(screen) && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            screen = capture()
        }
        return screen
    }

    /// The program's exit status once it has ended, waiting up to `timeout`.
    public func exitStatus(timeout: Duration = .seconds(10)) -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
                let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    deinit {
        _ = try? Self.tmux(["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    public static var isAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Processes whose command line contains `needle` (from /proc), for checking that no café outlived the show.
public func processes(matching needle: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.joined(separator: " ").contains(needle)
    }
}
