import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

@Suite("update: every key makes its change", .onOwnThreads)
struct UpdateTests {
    static let cases: [(Key, ShowAction)] = [
        (.character("+"), .rateUp), (.character("="), .rateUp), (.character("-"), .rateDown),
        (.character("w"), .workersUp), (.character("W"), .workersDown), (.character("m"), .cycleHandler),
        (.character("k"), .toggleKind), (.character("]"), .brewLonger), (.character("["), .brewShorter),
        (.character("a"), .toggleArrivals), (.character(" "), .togglePause), (.character("r"), .resetCounters),
        (.character("?"), .help), (.character("q"), .quit),
    ]

    @Test("the key map", arguments: cases)
    func keyMap(key: Key, action: ShowAction) {
        #expect(KeyMap.action(for: key) == action)
    }

    @Test("keys that are not bound do nothing")
    func unbound() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
        let before = model
        #expect(model.update(.key(.character("z"))).isEmpty)
        #expect(model.update(.key(.up)).isEmpty)
        #expect(model == before)
    }

    @Test("each setting key changes the scenario on screen at once and asks the Runner to apply it")
    func settings() {
        func press(_ character: Character, _ change: (inout Scenario) -> Void) {
            var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
            var expected = model.frame.scenario
            change(&expected)
            let effects = model.update(.key(.character(character)))
            #expect(effects == [.apply(KeyMap.action(for: .character(character))!)], "key \(character)")
            #expect(model.frame.scenario == expected, "key \(character)")
        }
        press("+") { $0.ratePerSecond = 40 }
        press("-") { $0.ratePerSecond = 20 }
        press("w") { $0.syncWorkers = 5 }
        press("W") { $0.syncWorkers = 3 }
        press("m") { $0.asyncHandler = .block }
        press("k") { $0.kind = .cpu }
        press("]") { $0.brewMilliseconds = 200 }
        press("[") { $0.brewMilliseconds = 50 }
        press("a") { $0.arrivals = .constant }
        press(" ") { $0.paused = true }
        press("r") { _ in }
    }

    @Test("the rate shown in the header follows + at once; pause shows 0 offered")
    func offered() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
        _ = model.update(.key(.character("+")))
        #expect(model.frame.offeredRate == 40)
        #expect(DashboardView.render(model).line(0).contains("same 40 customers/s"))
        _ = model.update(.key(.character(" ")))
        #expect(model.frame.offeredRate == 0)
        #expect(DashboardView.render(model).line(0).contains("door closed (paused)"))
    }

    @Test("? opens and closes the help, esc closes it; neither goes to the Runner")
    func help() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
        #expect(model.update(.key(.character("?"))).isEmpty)
        #expect(model.helpOpen)
        #expect(model.update(.key(.character("?"))).isEmpty)
        #expect(!model.helpOpen)
        _ = model.update(.key(.character("?")))
        #expect(model.update(.key(.escape)).isEmpty)
        #expect(!model.helpOpen)
    }

    @Test("q and Ctrl-C quit")
    func quit() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
        #expect(model.update(.key(.character("q"))) == [.quit])
        #expect(model.update(.key(.control("c"))) == [.quit])
    }

    @Test("a frame, a size and a tick change only what they carry")
    func messages() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24)
        #expect(model.update(.frame(SampleFrames.saturatedSync)).isEmpty)
        #expect(model.frame == SampleFrames.saturatedSync)
        _ = model.update(.resize(width: 132, height: 40))
        #expect(model.width == 132 && model.height == 40)
        _ = model.update(.tick)
        #expect(model.ticks == 1)
    }
}

@Suite("PaneLayout: how the panes share out their rows", .onOwnThreads)
struct PaneLayoutTests {
    @Test("at the fewest rows every part has one line and the bar three")
    func minimum() {
        let layout = PaneLayout.fitting(rows: PaneLayout.minimumRows, baristas: 4)
        #expect(layout == PaneLayout(door: 1, bar: 3, cups: 1, wait: 1, queue: 1, gap: 0))
        #expect(PaneLayout.fitting(rows: 3, baristas: 4).rows == PaneLayout.minimumRows)
    }

    @Test("80×24's ten rows: a row per barista, then a second row for the cups (six counts need it)")
    func small() {
        let layout = PaneLayout.fitting(rows: 10, baristas: 4)
        #expect(layout == PaneLayout(door: 1, bar: 5, cups: 2, wait: 1, queue: 1, gap: 0))
        #expect(layout.baristaPerRow(4))
        #expect(!PaneLayout.fitting(rows: 10, baristas: 8).baristaPerRow(8))
    }

    @Test("never more rows than given, never fewer as the room grows, and the charts stop at a useful height")
    func grows() {
        var previous = PaneLayout.fitting(rows: PaneLayout.minimumRows, baristas: 4)
        for rows in PaneLayout.minimumRows...80 {
            let layout = PaneLayout.fitting(rows: rows, baristas: 4)
            #expect(layout.rows <= rows)
            #expect(layout.rows >= previous.rows)
            #expect(layout.wait <= PaneLayout.chartMaximum && layout.door <= PaneLayout.doorMaximum)
            previous = layout
        }
        #expect(PaneLayout.fitting(rows: 24, baristas: 4).gap == 1)
    }
}
