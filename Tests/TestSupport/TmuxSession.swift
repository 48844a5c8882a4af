import Foundation

/// A program running in a detached tmux pane of a private tmux server: the pseudo-terminal a person would
/// use. Keys go in with `send-keys`; the screen comes out as text with `capture-pane`.
public final class TmuxSession: Sendable {
    public let socket: String
    public let statusFile: String

    /// Starts `command` (already shell-quoted words) in a `columns`×`rows` pane. The exit status of the
    /// command is written to `statusFile` when it ends; the pane then stays for a moment.
    /// Throws `TmuxMissing` when tmux is not on PATH.
    public init(_ command: [String], columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        guard Self.isAvailable else { throw TmuxMissing() }
        socket = "barista-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        statusFile = NSTemporaryDirectory() + socket + ".status"
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let variables =
            (["TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_STATE_HOME": BaristaBinary.stateHome].merging(
                environment
            ) { $1 })
            .map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let script = "env \(variables) \(quoted); echo $? > \(statusFile); sleep 2"
        CleanSpawn.run(
            [
                "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "show", "-x", String(columns),
                "-y", String(rows), script,
            ], captureOutput: false)
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
    public func screen(containing text: String, timeout: Duration = .seconds(15)) async -> String {
        await screen(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds on the screen; returns the last screen seen (`eventually`: a long wait holds
    /// none of the few threads of Swift's cooperative pool, 2 on a 2-core machine).
    @discardableResult
    public func screen(timeout: Duration = .seconds(15), where condition: (String) -> Bool) async -> String {
        await eventually(within: timeout, every: .milliseconds(100), { capture() }, until: condition)
    }

    /// The program's exit status once it has ended, waiting up to `timeout`.
    public func exitStatus(timeout: Duration = .seconds(30)) async -> Int32? {
        await eventually(within: timeout, every: .milliseconds(50), { writtenStatus }, until: { $0 != nil })
    }

    private var writtenStatus: Int32? {
        (try? String(contentsOfFile: statusFile, encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}` (1 while the program is on the alternate screen),
    /// `#{cursor_flag}` (1 while the cursor is shown), `#{pane_tty}`.
    public func display(_ format: String) -> String {
        ((try? Self.tmux(["-L", socket, "display-message", "-p", "-t", "show", format])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        CleanSpawn.run(["tmux", "-L", socket, "kill-server"], captureOutput: false)
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    /// True when tmux is on PATH, where `CleanSpawn` looks for it.
    public static var isAvailable: Bool { executable(searchPath: ProcessInfo.processInfo.environment["PATH"]) != nil }

    /// Where tmux is on a PATH-like list of directories, or nil.
    public static func executable(searchPath: String?) -> String? {
        let directories = (searchPath ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true)
        return directories.map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        CleanSpawn.run(["tmux"] + arguments).output
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

/// The pids whose parent is `pid` (from /proc/*/stat).
public func childProcesses(of pid: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { candidate in
        guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        // After "pid (comm) ": state, then ppid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 && Int32(fields[1]) == pid
    }
}

/// The children of the show that serve (cafés, peer guards): all but its terminal guard.
public func servingChildren(of show: Int32) -> [Int32] {
    childProcesses(of: show).filter { !commandLine(of: $0).contains("terminal-guard") }
}

/// A process's command line, its words joined by spaces ("" once it is gone).
public func commandLine(of pid: Int32) -> String {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
    return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
}

/// True while a process exists and is not a zombie.
public func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
}
