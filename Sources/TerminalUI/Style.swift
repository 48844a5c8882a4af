/// The eight colours every colour terminal has. `nil` in a `Style` means the terminal's own default.
public enum Color: Int, Equatable, Hashable, Sendable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks: colours and attributes. A style is only ever an extra: everything meaningful on screen also
/// has a glyph or a word, so a monochrome projector or `NO_COLOR` loses nothing.
public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    public init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
        reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = Style()

    public static func fg(_ color: Color) -> Style { Style(foreground: color) }

    public var bolded: Style { var copy = self; copy.bold = true; return copy }
    public var dimmed: Style { var copy = self; copy.dim = true; return copy }
    public var reversed: Style { var copy = self; copy.reverse = true; return copy }

    /// The same attributes without colours: what a `--no-color` screen draws.
    public var withoutColor: Style {
        Style(foreground: nil, background: nil, bold: bold, dim: dim, reverse: reverse)
    }
}
