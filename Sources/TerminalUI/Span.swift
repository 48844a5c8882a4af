/// A run of text in one style: the unit every widget writes. `Line` is a row of spans.
public struct Span: Equatable, Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var columns: Int { TextWidth.columns(of: text) }
}

/// One line of styled text.
public typealias Line = [Span]

extension Array where Element == Span {
    /// The line's width in terminal columns.
    public var columns: Int { reduce(0) { $0 + $1.columns } }
    /// The line as plain text.
    public var plainText: String { map(\.text).joined() }
}
