import CafeModel
import TerminalUI

/// The keys of the show and the change each one makes: the footer and the help overlay are drawn from this table,
/// so they cannot disagree with what the keys do.
public enum KeyMap {
    /// One row of the table: the keys as shown, what they do in café words, and the short form for the footer.
    public struct Binding: Equatable, Sendable {
        public var keys: String
        public var help: String
        public var footer: String
        /// The footer's word on a narrow screen.
        public var shortFooter: String { footer == "customers/s" ? "rate" : footer }
    }

    /// The keys of a lesson, tried first while one plays; the café keys keep working around them (`h` is the hint
    /// then, `?` the help, `x` starts the step again from a clean slate).
    public static func lessonAction(for key: Key) -> ShowAction? {
        lessonAction(for: key, autoPlay: false)
    }

    /// While the demo plays itself, `space` pauses the script (not the door) and `.` goes on, as `→` does.
    public static func lessonAction(for key: Key, autoPlay: Bool) -> ShowAction? {
        if autoPlay {
            switch key {
            case .character(" "): return .lesson(.pauseScript)
            case .character("."): return .lesson(.next)
            default: break
            }
        }
        switch key {
        case .right, .character("n"): return .lesson(.next)
        case .left, .character("b"): return .lesson(.back)
        case .enter: return .lesson(.enter)
        case .backspace, .delete: return .lesson(.erase)
        case .up, .pageUp: return .lesson(.scrollUp)
        case .down, .pageDown: return .lesson(.scrollDown)
        case .character("h"): return .lesson(.hint)
        case .character("x"): return .lesson(.restart)
        case .character(let character) where character.isNumber || character == ".": return .lesson(.type(character))
        default: return nil
        }
    }

    /// The lesson keys for the footer and the help.
    public static let lessonBindings: [Binding] = [
        Binding(keys: "n / b", help: "next step / the step before (→ / ← too)", footer: "steps"),
        Binding(keys: "0-9 ⏎", help: "type your answer, Enter commits it (the door opens then)", footer: "answer"),
        Binding(keys: "h", help: "a hint for this step", footer: "hint"),
        Binding(keys: "x", help: "start this step again from a clean slate", footer: "again"),
        Binding(keys: "↑ / ↓", help: "scroll the lesson's words", footer: "scroll"),
    ]

    /// The demo's keys for its panel.
    public static let demoBindings: [Binding] = [
        Binding(keys: "space", help: "pause / resume the script (the cafés keep running)", footer: "pause script"),
        Binding(keys: "→ / ←", help: "next step / the step before (. too)", footer: "steps"),
        Binding(keys: "h", help: "a hint for this step", footer: "hint"),
    ]

    public static func action(for key: Key) -> ShowAction? {
        guard case .character(let character) = key else {
            return key == .control("c") ? .quit : nil
        }
        switch character {
        case "+", "=": return .rateUp  // "=" is "+" without shift on most keyboards
        case "-", "_": return .rateDown
        case "w": return .workersUp
        case "W": return .workersDown
        case "m": return .cycleHandler
        case "k": return .toggleKind
        case "c": return .toggleCode
        case "]": return .brewLonger
        case "[": return .brewShorter
        case "a": return .toggleArrivals
        case " ": return .togglePause
        case "r": return .resetCounters
        case "x": return .clearShop
        case "?", "h": return .help
        case "q", "Q": return .quit
        default: return nil
        }
    }

    public static let bindings: [Binding] = [
        Binding(keys: "+ / -", help: "more / fewer customers per second (both cafés)", footer: "customers/s"),
        Binding(keys: "w / W", help: "one more / one fewer sync barista (worker thread)", footer: "baristas"),
        Binding(keys: "m", help: "async handler: await → block → offload", footer: "handler"),
        Binding(keys: "k", help: "brew kind: io (waiting) ↔ cpu (working)", footer: "io/cpu"),
        Binding(keys: "c", help: "code panel: who is at each line of the view (queue's place)", footer: "code"),
        Binding(keys: "[ / ]", help: "shorter / longer brews", footer: "brew"),
        Binding(keys: "a", help: "arrivals: constant ↔ poisson (random)", footer: "arrivals"),
        Binding(keys: "space", help: "close / open the door (pause the customers)", footer: "pause"),
        Binding(keys: "r", help: "reset the counters", footer: "reset"),
        Binding(keys: "x", help: "empty both cafés now (customers inside leave, counters zeroed)", footer: "clear"),
        Binding(keys: "?", help: "this help (esc closes it)", footer: "help"),
        Binding(keys: "q", help: "quit: both cafés close, the terminal comes back", footer: "quit"),
    ]
}
