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
        Binding(keys: "[ / ]", help: "shorter / longer brews", footer: "brew"),
        Binding(keys: "a", help: "arrivals: constant ↔ poisson (random)", footer: "arrivals"),
        Binding(keys: "space", help: "close / open the door (pause the customers)", footer: "pause"),
        Binding(keys: "r", help: "reset the counters", footer: "reset"),
        Binding(keys: "x", help: "empty both cafés now (customers inside leave, counters zeroed)", footer: "clear"),
        Binding(keys: "?", help: "this help (esc closes it)", footer: "help"),
        Binding(keys: "q", help: "quit: both cafés close, the terminal comes back", footer: "quit"),
    ]
}
