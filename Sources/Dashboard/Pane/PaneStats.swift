import TerminalUI

/// One number of a pane part in up to three forms, longest first: `✗ 1,204 walked out`, `✗ 1,204 left`, `✗ 1.2k`.
/// A part shows the longest forms that fit and never drops a number: shortened, never dropped.
struct StatItem {
    var forms: [Line]

    /// `squeeze: false` for a number followed by a name (`! 312 408`): without its spaces it would read as one
    /// number.
    init(_ long: Line, short: Line? = nil, tiny: Line? = nil, squeeze: Bool = true) {
        forms = [long] + [short, tiny].compactMap { $0 }
        // The last resort: the shortest form without its spaces (`✗1.2k`).
        let squeezed = forms[forms.count - 1].map { Span(Self.withoutSpaces($0.text), $0.style) }
        if squeeze && squeezed.columns < forms[forms.count - 1].columns { forms.append(squeezed) }
    }

    /// The text without its spaces, scalar by scalar: `replacing` costs a generic search each time, and every pane
    /// makes a dozen of these each frame.
    static func withoutSpaces(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: " ")) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != " " { scalars.append(scalar) }
        return String(scalars)
    }

    func form(_ level: Int) -> Line { forms[min(level, forms.count - 1)] }

    /// The items packed into at most `rows` rows of `width` columns: one to a row when the rows allow, else side by
    /// side, in shorter forms as needed. Nil when even the shortest forms do not fit.
    static func fit(_ items: [StatItem], width: Int, rows: Int) -> [Line]? {
        // One to a row: each in its longest form that fits.
        if items.count <= rows {
            let lines = items.map { item in item.forms.first { $0.columns <= width } }
            if lines.allSatisfy({ $0 != nil }) { return lines.compactMap { $0 } }
        }
        let levels = items.map(\.forms.count).max() ?? 1
        for level in 0..<levels {
            let lines = items.map { $0.form(level) }
            if lines.count <= rows && lines.allSatisfy({ $0.columns <= width }) { return lines }
            var packed: [Line] = []
            for line in lines {
                if let last = packed.last, last.columns + 1 + line.columns <= width {
                    packed[packed.count - 1] = last + [Span(" ")] + line
                } else {
                    packed.append(line)
                }
            }
            if packed.count <= rows && packed.allSatisfy({ $0.columns <= width }) { return packed }
        }
        return nil
    }

    /// Draws the items in the area's rows; if they do not fit its width, they take `wider` (the part's whole width,
    /// over its chart) rather than lose a number. Returns the rows used and whether the chart's room was taken.
    @discardableResult
    static func draw(
        _ items: [StatItem], into canvas: inout Canvas, area: Rect, wider: Rect? = nil
    ) -> (rows: Int, tookChart: Bool) {
        var area = area
        var rows = fit(items, width: area.width - 1, rows: area.height)
        if rows == nil, let wider {
            area = wider
            rows = fit(items, width: wider.width, rows: wider.height)
        }
        let lines = rows ?? items.map { $0.forms[$0.forms.count - 1] }
        for (index, line) in lines.prefix(area.height).enumerated() {
            canvas.write(line, x: area.x, y: area.y + index, maxWidth: area.width)
        }
        return (min(lines.count, area.height), area == wider)
    }
}
