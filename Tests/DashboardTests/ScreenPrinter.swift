import Dashboard
import Foundation
import TerminalUI
import TestSupport
import Testing

/// Renders every sample screen at the sizes barista is looked at; with `BARISTA_PRINT_SCREENS=1` it prints them so a
/// person can look at them (`BARISTA_PRINT_SCREENS=1 swift test --filter ScreenPrinter`, or `=some/directory` for one
/// file each).
@Suite("Sample screens, printed", .onOwnThreads)
struct ScreenPrinter {
    @Test("prints the sample screens")
    func prints() {
        let samples = [
            ("idle", SampleFrames.idleStart), ("saturated", SampleFrames.saturatedSync),
            ("blocked", SampleFrames.asyncBlocked), ("offload", SampleFrames.offload),
        ]
        for (name, frame) in samples {
            for (width, height) in [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)] {
                let canvas = DashboardView.render(DashboardModel(frame: frame, width: width, height: height))
                #expect(canvas.text.contains("SYNC café"), "\(name) \(width)x\(height)")
                show("\(name)-\(width)x\(height)", canvas.text)
            }
        }
        var help = DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24, options: .init(ascii: true))
        _ = help.update(.key(.character("?")))
        show("help-ascii", DashboardView.render(help).text)
        show("small", DashboardView.render(DashboardModel(frame: SampleFrames.idleStart, width: 60, height: 20)).text)
    }

    /// Prints the screen, or writes it to `<directory>/<name>.txt` when `BARISTA_PRINT_SCREENS` names a directory.
    private func show(_ name: String, _ text: String) {
        guard let target = ProcessInfo.processInfo.environment["BARISTA_PRINT_SCREENS"] else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            try? (text + "\n").write(toFile: target + "/" + name + ".txt", atomically: true, encoding: .utf8)
        } else {
            print("=== \(name)\n\(text)")
        }
    }
}
