/// The symbols a screen is drawn with: a Unicode set and an ASCII fallback for terminals or locales that cannot
/// show Unicode (`--ascii`, a non-UTF-8 locale). Every glyph that carries meaning has a counterpart in both.
public struct Glyphs: Equatable, Sendable {
    // Box lines.
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String
    /// Eight bar heights, lowest first: sparklines and histograms.
    public var levels: [String]
    /// A filled and an empty gauge cell (the part of the brew still to come).
    public var filled: String
    public var empty: String
    /// A barista or helper with nothing to do: not the same as the rest of a brew.
    public var idle: String
    /// A sync barista reading a slow customer's order: no brew started, not idle either.
    public var reading: String
    // Café symbols.
    public var customer: String
    public var buzzer: String
    public var cup: String
    public var walkedOut: String
    /// A cup brewed for a customer who had already left.
    public var nobody: String
    /// A customer the load generator could not send at all (its own limit, not the café's).
    public var notSent: String
    public var warning: String
    // Typography.
    public var separator: String
    public var ellipsis: String
    public var arrow: String
    public var times: String
    public var divide: String
    public var approximately: String
    public var notEqual: String
    public var check: String
    public var atLeast: String
    public var atMost: String

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], filled: "■", empty: "□", idle: "·", reading: "◌",
        customer: "●", buzzer: "◉", cup: "✓", walkedOut: "✗", nobody: "∅", notSent: "⊘", warning: "!",
        separator: "·", ellipsis: "…", arrow: "→", times: "×", divide: "÷", approximately: "≈", notEqual: "≠",
        check: "✓", atLeast: "≥", atMost: "≤"
    )

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        levels: ["_", ".", ",", "-", "=", "+", "*", "#"], filled: "#", empty: ".", idle: " ", reading: "r",
        customer: "o", buzzer: "@", cup: "v", walkedOut: "x", nobody: "-", notSent: "/", warning: "!",
        separator: "|", ellipsis: "~", arrow: "->", times: "x", divide: "/", approximately: "~", notEqual: "!=",
        check: "ok", atLeast: ">=", atMost: "<="
    )

    /// True for a set that needs a UTF-8 terminal.
    public var isUnicode: Bool { !topLeft.unicodeScalars.allSatisfy(\.isASCII) }

    /// Text written with Unicode arrows and signs, made ASCII for an ASCII set.
    public func plain(_ text: String) -> String {
        guard !isUnicode else { return text }
        var result = text
        for (unicode, ascii) in [
            ("→", "->"), ("↔", "<->"), ("—", "-"), ("÷", "/"), ("×", "x"), ("≈", "~"), ("·", "*"), ("…", "..."),
            ("⊘", "/"),
        ] {
            result = result.replacing(unicode, with: ascii)
        }
        return result
    }

    /// The bar glyph for a value between 0 and `maximum` (a space for nothing at all).
    public func level(_ value: Double, maximum: Double) -> String {
        guard value > 0, maximum > 0 else { return " " }
        let index = Int((value / maximum * Double(levels.count)).rounded(.up)) - 1
        return levels[min(max(index, 0), levels.count - 1)]
    }
}
