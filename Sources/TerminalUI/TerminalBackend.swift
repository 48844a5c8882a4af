/// Something the terminal reports: a key, or a new size.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}

/// Why the terminal could not be taken over, as one line for the person who ran barista.
public struct TerminalError: Error, Equatable, CustomStringConvertible, Sendable {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Where a run loop draws its canvases and hears its keys: the real terminal (`CursesTerminal.Terminal`, through
/// ncurses) or a `TestBackend` in memory, as ratatui's backends are. Used from one thread.
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Colours can be drawn.
    var colorsEnabled: Bool { get }
    /// Unicode glyphs print; otherwise a screen should use `Glyphs.ascii`.
    var unicodeEnabled: Bool { get }
    /// Draws a canvas (a backend may write only what changed since the previous one).
    func draw(_ canvas: Canvas)
    /// The next key or size change, waiting at most `timeout`; nil when nothing happened.
    func nextEvent(timeout: Duration) -> TerminalEvent?
}
