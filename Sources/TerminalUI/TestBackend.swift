#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal in memory (ratatui's `TestBackend`): it keeps every canvas drawn and plays a script of what the
/// person at the keyboard does, so a run loop is tested without a terminal.
public final class TestBackend: TerminalBackend {
    /// One line of the script: something the terminal reports, or a pause (nothing until the loop's timeout).
    public enum Beat: Equatable, Sendable {
        case event(TerminalEvent)
        case quiet
    }

    public private(set) var width: Int
    public private(set) var height: Int
    public let colorsEnabled: Bool
    public let unicodeEnabled: Bool
    /// Every canvas drawn, in order.
    public private(set) var drawn: [Canvas] = []
    private var script: [Beat]

    public init(width: Int, height: Int, colors: Bool = true, unicode: Bool = true, script: [Beat] = []) {
        self.width = width
        self.height = height
        self.colorsEnabled = colors
        self.unicodeEnabled = unicode
        self.script = script
    }

    /// What the screen shows now: the last canvas drawn.
    public var screen: Canvas? { drawn.last }

    public func draw(_ canvas: Canvas) { drawn.append(canvas) }

    /// The script's next beat. A pause waits the loop's whole timeout, as a quiet keyboard would; once the script
    /// is over, every call is a pause.
    public func nextEvent(timeout: Duration) -> TerminalEvent? {
        guard !script.isEmpty, case .event(let event) = script.removeFirst() else {
            // TerminalUI depends on nothing: the standard library's Duration ÷ Duration, not CafeModel's units.
            let microseconds = timeout / .microseconds(1)
            if microseconds >= 1 { usleep(UInt32(min(microseconds, Double(UInt32.max)))) }
            return nil
        }
        if case .resize(let newWidth, let newHeight) = event {
            width = newWidth
            height = newHeight
        }
        return event
    }
}
