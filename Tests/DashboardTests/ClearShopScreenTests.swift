import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// The clean slate on screen: its key, its line in the help, and the notice that says what it did.
@Suite("The clean slate (x) on screen", .onOwnThreads)
struct ClearShopScreenTests {
    static let notice = "shop cleared: 312 customers sent home, counters zeroed (1.1 s)"

    @Test("x asks the driver for a clean slate and changes no setting")
    func key() {
        #expect(KeyMap.action(for: .character("x")) == .clearShop)
        var model = DashboardModel(frame: SampleFrames.saturatedSync, width: 120, height: 40)
        let before = model.frame.scenario
        #expect(model.update(.key(.character("x"))) == [.apply(.clearShop)])
        #expect(model.frame.scenario == before)
        #expect(!ShowAction.clearShop.changesScenario)
    }

    @Test("the notice takes the curl hint's place in the header, at 80×24, 120×40 and 200×60")
    func notice() {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            var frame = SampleFrames.saturatedSync
            let plain = screen(frame, width: width, height: height)
            frame.notice = Self.notice
            let lines = screen(frame, width: width, height: height)
            #expect(lines[1].hasPrefix(" " + Self.notice), "\(width)×\(height): \(lines[1])")
            #expect(!lines[1].contains("try: curl"), "\(width)×\(height)")
            // The URLs follow while they fit, each whole with its label.
            #expect(
                lines[1].contains("sync http://127.0.0.1:8001") == (width >= 120), "\(width)×\(height): \(lines[1])")
            #expect(lines[1].contains("async http://127.0.0.1:8002") == (width >= 200), "\(width)×\(height)")
            if width == 80 { #expect(lines[1] == " " + Self.notice, "no label without its URL") }
            #expect(Array(lines.dropFirst(2)) == Array(plain.dropFirst(2)), "only the header changes")
        }
        // Without a notice, a wide header still offers the curl hint.
        #expect(screen(SampleFrames.saturatedSync, width: 120, height: 40)[1].contains("try: curl"))
    }

    @Test("a long notice is cut at the edge, never left out")
    func longNotice() {
        var frame = SampleFrames.saturatedSync
        frame.notice =
            "shop cleared, but the sync café did not open again: " + String(repeating: "port taken ", count: 10)
        let line = screen(frame)[1]
        #expect(line.hasPrefix(" shop cleared, but the sync café did not open again: port taken"))
        #expect(line.count >= 78, "cut at the edge: \(line)")
    }

    @Test("the help lists x with its whole sentence, even at 80×24")
    func help() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24, options: .init(cores: 2))
        _ = model.update(.key(.character("?")))
        let text = DashboardView.render(model).text
        #expect(text.contains("x      empty both cafés now (customers inside leave, counters zeroed)"))
    }
}
