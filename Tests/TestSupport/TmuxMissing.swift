/// Why a terminal test cannot run: tmux, the pseudo-terminal the end-to-end tests drive, is not on PATH.
/// Thrown by `TmuxSession` at once, so each terminal test fails with this one line instead of timing out
/// while waiting for a screen that never comes.
public struct TmuxMissing: Error, CustomStringConvertible {
    public init() {}

    public var description: String { "tmux is missing: apt-get install tmux" }
}
