import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// A driver that shows one fixed frame and keeps what it was asked to do: the run loop's other side, without
/// cafés (the tmux tests run the loop on the real ones).
private final class FixedFrameDriver: ShowDriver {
    var shown: ShowFrame
    private(set) var actions: [ShowAction] = []
    private(set) var framesAsked = 0
    /// The driver asks the show to end once this many frames were taken (nil: never).
    var stopAfterFrames: Int?

    init(_ frame: ShowFrame) { shown = frame }

    func frame() -> ShowFrame {
        framesAsked += 1
        return shown
    }

    func perform(_ action: ShowAction) {
        actions.append(action)
        shown.scenario = shown.scenario.applying(action)
    }

    var stopRequested: Bool { stopAfterFrames.map { framesAsked >= $0 } ?? false }
}

@Suite("The run loop on a terminal in memory", .onOwnThreads)
struct RunLoopTests {
    @Test("draws at once, hands each key's change to the driver and redraws, follows a new size, and ends on q")
    func keysResizeQuit() {
        let driver = FixedFrameDriver(SampleFrames.idleStart)
        let terminal = TestBackend(
            width: 80, height: 24,
            script: [
                .event(.key(.character("+"))), .event(.resize(width: 120, height: 40)), .quiet,
                .event(.key(.character("q"))),
            ])
        let app = DashboardApp(terminal: terminal, driver: driver, options: DashboardOptions(fps: 50))
        app.run()

        #expect(driver.actions == [.rateUp])
        let raised = Int(SampleFrames.idleStart.scenario.applying(.rateUp).ratePerSecond)
        #expect(raised != 30)
        let sizes = terminal.drawn.map { "\($0.width)×\($0.height)" }
        #expect(sizes.first == "80×24" && sizes.last == "120×40", "sizes drawn: \(sizes)")
        // The first screen is the one before any key; the screen right after + already says the new rate.
        #expect(terminal.drawn[0].line(0).contains("same 30 customers/s"))
        #expect(terminal.drawn[1].line(0).contains("same \(raised) customers/s"), "\(terminal.drawn[1].line(0))")
        #expect(driver.framesAsked >= 2, "the quiet beat ended in a tick that took a new frame")
    }

    @Test("ends when the driver asks (SIGTERM, a fatal error), with no key pressed")
    func driverStops() {
        let driver = FixedFrameDriver(SampleFrames.saturatedSync)
        driver.stopAfterFrames = 3
        let terminal = TestBackend(width: 80, height: 24)
        DashboardApp(terminal: terminal, driver: driver, options: DashboardOptions(fps: 50)).run()
        #expect(driver.framesAsked == 3)
        #expect(driver.actions.isEmpty)
        #expect(!terminal.drawn.isEmpty)
    }

    @Test("a terminal without Unicode or colours gets ASCII and no colour, whatever the options asked")
    func followsTheTerminal() throws {
        let driver = FixedFrameDriver(SampleFrames.saturatedSync)
        let terminal = TestBackend(
            width: 80, height: 24, colors: false, unicode: false,
            script: [.event(.key(.character("q")))])
        DashboardApp(terminal: terminal, driver: driver, options: DashboardOptions()).run()
        let screen = try #require(terminal.screen)
        let allASCII = screen.lines.joined().unicodeScalars.allSatisfy(\.isASCII)
        let coloured = screen.cells.filter { $0.style.foreground != nil || $0.style.background != nil }.count
        #expect(allASCII)
        #expect(coloured == 0)
    }
}
