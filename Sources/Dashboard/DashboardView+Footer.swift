import CafeModel
import TerminalUI

/// The footer's keys, the ASCII fallback and the too-small screen.
extension DashboardView {
    /// The keys, as many as fit: quit, help and the rate first, the rest in the help overlay's order.
    /// In a lesson `x` starts the step again, in the demo `space` pauses the script: the footer leaves the café
    /// meanings of those keys out.
    static func drawFooter(
        into canvas: inout Canvas, area: Rect, palette: Palette, lesson: Bool = false, demo: Bool = false
    ) {
        let priority = ["q", "?", "+ / -", "space", "w / W", "m", "c", "k", "[ / ]", "a", "r", "x"]
            .filter { !(demo && $0 == "space") && !(lesson && $0 == "x") }
        let bindings = KeyMap.bindings
        let narrow = area.width < 100
        func word(_ binding: KeyMap.Binding) -> String { narrow ? binding.shortFooter : binding.footer }
        func width(_ binding: KeyMap.Binding) -> Int { footerKeys(binding).count + 3 + word(binding).count }
        var chosen: Set<String> = []
        var total = 0
        for keys in priority {
            guard let binding = bindings.first(where: { $0.keys == keys }) else { continue }
            let needed = width(binding) + (chosen.isEmpty ? 0 : 2)
            if total + needed > area.width - 1 { continue }
            chosen.insert(keys)
            total += needed
        }
        var x = area.x + 1
        for binding in bindings where chosen.contains(binding.keys) {
            let keys = footerKeys(binding)
            canvas.write("[\(keys)]", x: x, y: area.y, style: palette.key)
            canvas.write(word(binding), x: x + keys.count + 3, y: area.y, style: palette.muted)
            x += width(binding) + 2
        }
    }

    /// A binding's keys as the footer writes them (`+/-`); made once, as replacing text every frame cost a tenth of
    /// the frame.
    static func footerKeys(_ binding: KeyMap.Binding) -> String {
        compactKeys[binding.keys] ?? binding.keys.replacing(" / ", with: "/")
    }

    fileprivate static let compactKeys: [String: String] = Dictionary(
        KeyMap.bindings.map { ($0.keys, $0.keys.replacing(" / ", with: "/")) }, uniquingKeysWith: { first, _ in first })

    /// The last word for a terminal without Unicode: letters lose their accents, anything else left becomes "?".
    static func asciiFallback(_ character: Character) -> Character {
        if character.isASCII { return character }
        switch character {
        case "é", "è", "ê": return "e"
        case "×": return "x"
        case "–", "—": return "-"
        case "λ": return "l"
        case "µ": return "u"
        default: return "?"
        }
    }

    static func drawTooSmall(_ model: DashboardModel, into canvas: inout Canvas, palette: Palette) {
        let lines: [Line] = [
            [
                Span(
                    model.options.big
                        ? "make the terminal at least \(BigView.minimumWidth)×\(BigView.minimumHeight) for --big"
                        : "make the terminal at least \(minimumWidth)×\(minimumHeight)", palette.warning)
            ],
            [Span("(it is \(model.width)×\(model.height) now)", palette.muted)],
            [Span("q quits", palette.muted)],
        ]
        let area = canvas.area.centered(width: canvas.width, height: min(3, canvas.height))
        Paragraph(lines, wrap: true, alignment: .center).render(into: &canvas, area: area)
    }
}
