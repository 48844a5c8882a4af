import Dashboard
import TerminalUI
import Testing

/// Not a check: prints the sample screens so a person can look at them (`swift test --filter ScreenPrinter`).
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
                print("=== \(name) \(width)x\(height)\n\(canvas.text)")
            }
        }
        var help = DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24, options: .init(ascii: true))
        _ = help.update(.key(.character("?")))
        print("=== help ascii\n\(DashboardView.render(help).text)")
        print("=== small\n\(DashboardView.render(DashboardModel(frame: SampleFrames.idleStart, width: 60, height: 20)).text)")
        #expect(Bool(true))
    }
}
