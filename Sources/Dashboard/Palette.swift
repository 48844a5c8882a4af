import TerminalUI

/// The meanings colours carry on barista's screen: blocked is red, awaiting cyan, served green, a queue yellow.
/// Every one of them also has a glyph or a word, so with `--no-color` only the colours go.
public struct Palette: Equatable, Sendable {
    public var title: Style
    public var label: Style
    public var muted: Style
    public var text: Style
    public var customer: Style
    public var blocked: Style
    public var blockedBanner: Style
    public var busy: Style
    /// A sync barista reading an order that is still arriving (a slow customer): the customer's colour.
    public var reading: Style
    public var awaiting: Style
    public var served: Style
    public var walkedOut: Style
    public var helper: Style
    public var calm: Style
    public var warning: Style
    public var key: Style
    public var ticker: Style
    public var border: Style

    public static let color = Palette(
        title: Style(bold: true), label: Style(dim: true), muted: Style(dim: true), text: .plain,
        customer: .fg(.yellow), blocked: Style(foreground: .red, bold: true),
        blockedBanner: Style(foreground: .red, bold: true, reverse: true), busy: .fg(.magenta),
        reading: Style(foreground: .yellow, bold: true), awaiting: .fg(.cyan),
        served: .fg(.green), walkedOut: .fg(.magenta), helper: .fg(.blue), calm: .fg(.green),
        warning: Style(foreground: .yellow, bold: true), key: Style(foreground: .cyan, bold: true),
        ticker: Style(bold: true), border: Style(dim: true)
    )

    /// The same meanings without colour: attributes only.
    public static let monochrome: Palette = {
        let c = Palette.color
        return Palette(
            title: c.title.withoutColor, label: c.label.withoutColor, muted: c.muted.withoutColor, text: .plain,
            customer: .plain, blocked: Style(bold: true), blockedBanner: Style(bold: true, reverse: true),
            busy: .plain, reading: .plain, awaiting: .plain, served: .plain, walkedOut: .plain, helper: .plain,
            calm: .plain,
            warning: Style(bold: true), key: Style(bold: true), ticker: Style(bold: true), border: .plain
        )
    }()

    public static func forOptions(_ options: DashboardOptions) -> Palette { options.noColor ? .monochrome : .color }
}
