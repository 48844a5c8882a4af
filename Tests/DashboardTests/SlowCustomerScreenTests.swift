import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

@Suite("Slow customers on screen", .onOwnThreads)
struct SlowCustomerScreenTests {
    @Test("a sync barista reading a slow order has a row of its own words and colour, and the bar counts them")
    func readingBaristas() {
        let frame = SampleFrames.slowCustomers
        let lines = screen(frame, width: 120, height: 40)
        let text = lines.joined(separator: "\n")
        let first = lines.first { $0.contains("reading 3.2s") } ?? ""
        #expect(first.contains("1 [◌◌◌◌◌") && first.contains("◌] reading 3.2s (slow customer)"), "\(text)")
        #expect(text.contains("reading 450ms (slow customer)"), "\(text)")
        #expect(text.contains("4 reading orders"), "\(text)")
        #expect(!text.contains("blocked at the machine"))
        // Its own colour: the customer's yellow, not blocked red.
        let canvas = DashboardView.render(
            DashboardModel(frame: frame, width: 120, height: 40, options: DashboardOptions(cores: 2)))
        let row = lines.firstIndex { $0.contains("reading 3.2s") } ?? 0
        let column = lines[row].distanceToWord("reading")
        #expect(canvas[column, row].style == Palette.color.reading)
        // The legend explains the glyph when the scene has slow customers (at 200×60, beside the lesson panel).
        #expect(screen(frame, width: 200, height: 60).joined().contains("◌ barista reading an order still arriving"))
        #expect(!screen(SampleFrames.saturatedSync, width: 200, height: 60).joined().contains("slow customer"))
        // At 80×24 the baristas share a row: the summary still says what they do.
        #expect(screen(frame).joined(separator: "\n").contains("4 reading orders"))
    }

    @Test("a barista reading for a moment is not called a slow customer")
    func quickRead() {
        var frame = SampleFrames.slowCustomers
        frame.sync.baristas = [
            .init(state: .reading, forMs: 2), .init(state: .idle), .init(state: .idle), .init(state: .idle),
        ]
        let text = screen(frame, width: 120, height: 40).joined(separator: "\n")
        #expect(text.contains("reading 2ms") && !text.contains("(slow customer)"))
        #expect(text.contains("1 reading an order, 3 idle"), "\(text)")
    }
}

extension String {
    /// The column (in characters) where `word` starts.
    fileprivate func distanceToWord(_ word: String) -> Int {
        guard let range = range(of: word) else { return 0 }
        return distance(from: startIndex, to: range.lowerBound)
    }
}
