import TerminalUI

/// What each glyph on the screen means, for the foot of the lesson panel when it has room: a student should not
/// have to open the help to read the cafés.
struct Legend {
    /// One line per glyph: the glyph in its colour, then its meaning.
    let items: [Line]
    /// The columns of the widest item: the legend's width as a column.
    let columnWidth: Int

    /// `slowCustomers`: the scene has slow customers, so the reading barista's glyph is explained too (only
    /// then: the legend has little room, and a glyph that cannot appear needs no words).
    /// `notSent`: the generator could not send some customers, so its glyph is explained too.
    /// `failures`: some customer got no cup for another reason (refused, reset, timed out, a 4xx or 5xx), so `!` is
    /// explained; `backRoom`: the async café's back room is on screen, so its helper glyph is.
    init(
        glyphs: Glyphs, palette: Palette, slowCustomers: Bool = false, notSent: Bool = false, failures: Bool = false,
        backRoom: Bool = false
    ) {
        let bars = [0, 2, 5, 7].map { glyphs.levels[$0] }.joined()
        var items: [Line] = [
            [Span(glyphs.customer, palette.customer), Span(" customer at the door", palette.muted)],
            [
                Span(glyphs.filled, palette.blocked), Span(glyphs.empty, palette.blocked.dimmed),
                Span(" barista at the machine: brewed / to come", palette.muted),
            ],
            [Span(glyphs.idle, palette.muted), Span(" idle", palette.muted)],
            [Span(glyphs.buzzer, palette.awaiting), Span(" buzzer: awaiting, nobody blocked", palette.muted)],
            [Span(glyphs.cup, palette.served), Span(" cup served", palette.muted)],
            [Span(glyphs.walkedOut, palette.walkedOut), Span(" walked out", palette.muted)],
            [Span(glyphs.nobody, palette.walkedOut), Span(" brewed for nobody", palette.muted)],
            [Span(bars, palette.served), Span(" last minute, newest at the right", palette.muted)],
        ]
        if failures {
            items.insert(
                [
                    Span(glyphs.warning, palette.warning),
                    Span(" no cup: refused, reset, timeout, 4xx/5xx", palette.muted),
                ],
                at: items.count - 1)
        }
        if backRoom {
            items.insert(
                [Span(glyphs.filled, palette.helper), Span(" back-room helper at the machine", palette.muted)],
                at: items.count - 1)
        }
        if notSent {
            items.insert(
                [Span(glyphs.notSent, palette.warning), Span(" not sent by the generator", palette.muted)],
                at: items.count - 1)
        }
        if slowCustomers {
            items.insert(
                [
                    Span(glyphs.reading, palette.reading),
                    Span(" barista reading an order still arriving", palette.muted),
                ],
                at: 2)
        }
        self.items = items
        columnWidth = items.map(\.columns).max() ?? 0
    }

    /// The items one after another, wrapped to `width`; empty when an item alone does not fit.
    func rows(width: Int) -> [Line] {
        let gap = "   "
        var rows: [Line] = [[]]
        for item in items {
            guard item.columns <= width else { return [] }
            let used = rows[rows.count - 1].columns
            if used == 0 {
                rows[rows.count - 1] = item
            } else if used + gap.count + item.columns <= width {
                rows[rows.count - 1] += [Span(gap)] + item
            } else {
                rows.append(item)
            }
        }
        return rows
    }
}
