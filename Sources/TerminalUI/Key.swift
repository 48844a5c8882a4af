/// A key the person pressed, decoded from what the terminal sent.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    /// Ctrl held with a letter: `.control("c")`.
    case control(Character)
    case enter, escape, backspace, tab, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// A code nothing here knows; kept so it can be logged, never acted on.
    case unknown(Int32)
}
