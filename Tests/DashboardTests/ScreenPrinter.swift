import Dashboard
import Foundation
import TerminalUI
import Testing

/// Renders every sample screen at two sizes; with `BARISTA_PRINT_SCREENS=1` it prints them so a person can look
/// at them (`BARISTA_PRINT_SCREENS=1 swift test --filter ScreenPrinter`).
@Suite("Sample screens, printed")
struct ScreenPrinter {
    @Test("prints the sample screens")
    func prints() {
        let samples = [
            ("idle", SampleFrames.idleStart), ("saturated", SampleFrames.saturatedSync),
            ("blocked", SampleFrames.asyncBlocked), ("offload", SampleFrames.offload),
        ]
        for (name, frame) in samples {
            for (width, height) in [(120, 34), (80, 24)] {
                let canvas = DashboardView.render(DashboardModel(frame: frame, width: width, height: height))
                #expect(canvas.text.contains("SYNC café"), "\(name) \(width)x\(height)")
                show("=== \(name) \(width)x\(height)\n\(canvas.text)")
            }
        }
        var help = DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24, options: .init(ascii: true))
        _ = help.update(.key(.character("?")))
        show("=== help ascii\n\(DashboardView.render(help).text)")
        show("=== small\n\(DashboardView.render(DashboardModel(frame: SampleFrames.idleStart, width: 60, height: 20)).text)")
    }

    private func show(_ text: String) {
        if ProcessInfo.processInfo.environment["BARISTA_PRINT_SCREENS"] != nil { print(text) }
    }
}
