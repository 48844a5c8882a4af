import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// The screen for a frame at a size, as text rows with trailing spaces trimmed.
func screen(
    _ frame: ShowFrame, width: Int = 80, height: Int = 24, options: DashboardOptions = DashboardOptions(cores: 2)
) -> [String] {
    DashboardView.render(DashboardModel(frame: frame, width: width, height: height, options: options)).text
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Whole screens, as text", .onOwnThreads)
struct ScreenTests {
    @Test("a saturated sync café with a long door queue beside a calm async café, at 80×24, in full: advice that works")
    func saturatedFull() {
        let expected = """
             barista · same 60 customers/s into both cafés · brew 100 ms (I/O)     [?] help
             sync http://127.0.0.1:8001   async http://127.0.0.1:8002
            ┌ SYNC café — 4 baristas ──────────────┐┌ ASYNC café — 1 barista + buzzers ────┐
            │ door   ●●●●●●●●●●●●●●● +12 27 queued ││ door   nobody waiting                │
            │ bar    1 [■■■■□] blocked 80ms        ││ bar    [taking orders] lag <1ms      │
            │        2 [■□□□□] blocked 20ms        ││        buzzers ◉◉◉◉◉◉ 6 awaiting     │
            │        3 [■■■□□] blocked 60ms        ││                                      │
            │        4 [■■■■□] blocked 99ms        ││                                      │
            │        4 blocked at the machine      ││                                      │
            │ cups   ✓ 1,204 40.0/s ▆▆▆▆▆▆▆▆▆▆ ✗ 3 ││ cups   ✓ 1,811 60.0/s ██████████ ✗ 0 │
            │ wait   p50 612ms p99 1.9s  ▁▁▁▁▃▆█▅▂ ││ wait   p50 101ms p99 104ms ▁▁▁▁█▁▁▁▁ │
            │ queue  ▆▇▇▇▇████ door, minute max 27 ││ queue  ▁▁▁▁▁▁▁▁▁▁ door, minute max 0 │
            └──────────────────────────────────────┘└──────────────────────────────────────┘
             theory  sync  4 baristas ÷ 0.1 s = 40 cups/s < 60/s offered → door grows 20/s
                     async await: buzzers cost no barista → no limit for I/O waits
             L=λ·W   5s: sync 31 now +20/s unsteady  async L 6.1≈60/s×0.1s=6.1✓
             cores   sync café 0.1 · async café 0.0 · show+customers 0.1 = 0.2 of 2
             ticker  customer #1207: sync served in 1.42 s, async served in 0.10 s
            ┌ what to watch ───────────────────────────────────────────────────────────────┐
            │ 60 customers/s come and the sync café's 4 baristas serve at most 40/s: its   │
            │ line grows 20/s. 7 baristas (press w 3 times) would drain the 27 queued in   │
            │ ~3 s; the async café keeps up with buzzers.                                  │
            └──────────────────────────────────────────────────────────────────────────────┘
             [+/-] rate  [w/W] baristas  [m] handler  [space] pause  [?] help  [q] quit
            """
        let lines = screen(SampleFrames.saturatedSync)
        #expect(lines.count == 24)
        for (index, line) in expected.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            #expect(lines[index] == String(line), "row \(index)")
        }
    }

    @Test("an idle start at 120×40: nobody waiting, every barista idle on a row, the axes drawn, theory under capacity")
    func idle() {
        let lines = screen(SampleFrames.idleStart, width: 120, height: 40)
        #expect(lines[0].hasPrefix(" barista · same 30 customers/s into both cafés · brew 100 ms (I/O) · poisson"))
        #expect(lines[0].hasSuffix("[?] help"))
        #expect(
            lines[1]
                == " sync http://127.0.0.1:8001   async http://127.0.0.1:8002   try: curl http://127.0.0.1:8001/brew?ms=100&kind=io"
        )
        #expect(
            lines[2]
                == "┌ SYNC café — 4 baristas, each waits by the machine ───────┐┌ ASYNC café — 1 barista + buzzers ────────────────────────┐"
        )
        #expect(
            lines[3]
                == "│ door   nobody waiting                                    ││ door   nobody waiting                                    │"
        )
        #expect(
            lines[6]
                == "│ bar    1 [············] idle                             ││ bar    [taking orders] lag 0ms                           │"
        )
        #expect(
            lines[7]
                == "│        2 [············] idle                             ││        buzzers 0 awaiting                                │"
        )
        #expect(
            lines[10]
                == "│        4 idle                                            ││                                                          │"
        )
        #expect(
            lines[18]
                == "│        p99 -                      no cups yet            ││        p99 -                      no cups yet            │"
        )
        #expect(
            lines[19]
                == "│                          ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁   ││                          ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁   │"
        )
        #expect(
            lines[20]
                == "│                          10ms  50 100   500   2s 5s >5s  ││                          10ms  50 100   500   2s 5s >5s  │"
        )
        #expect(lines[26] == " theory  sync  4 baristas ÷ 0.1 s = 40 cups/s ≥ 30/s offered · 75% busy")
        #expect(lines[27] == "         async await: buzzers cost no barista → no limit for I/O waits")
        #expect(lines[28] == " L=λ·W   sync measuring  async measuring")
        #expect(
            lines[29]
                == "         L customers inside (average) = λ arrivals/s × W seconds each stays; true once the line stops growing"
        )
        #expect(lines[30] == " cores   measuring")
        #expect(lines[31] == " ticker  the first customer is on the way")
        #expect(lines[32].hasPrefix("┌ what to watch ─"))
        #expect(
            lines[36]
                == "│ ● customer at the door   ■□ barista at the machine: brewed / to come   · idle   ◉ buzzer: awaiting, nobody blocked   │"
        )
        #expect(lines[38] == "└" + String(repeating: "─", count: 118) + "┘")
        #expect(lines[39].hasSuffix("[?] help  [q] quit"))
    }

    @Test(
        "shedding load: the theory says the excess is turned away with 503 beyond the limit, and the pane counts them")
    func shedding() {
        let wide = screen(SampleFrames.shedding, width: 200, height: 60).joined(separator: "\n")
        #expect(
            wide.contains(
                "async 4 helpers ÷ 0.1 s = 40 cups/s < 60/s offered → 20/s turned away (503 beyond 20 in progress)"),
            "\(wide)")
        #expect(!wide.contains("back room grows"), "a limited back room does not grow")
        #expect(wide.contains("beyond 20 customers in progress it answers 503 at once"), "\(wide)")
        let narrow = screen(SampleFrames.shedding).joined(separator: "\n")
        #expect(narrow.contains("→ 20/s 503"), "\(narrow)")
        #expect(narrow.contains("1,204"), "the 503s in the pane: \(narrow)")
    }

    @Test("Little's law: a steady café's L is labelled as the window's average, with the count inside now beside it")
    func littleAverageAndNow() {
        let text = screen(SampleFrames.saturatedSync, width: 200, height: 60).joined(separator: "\n")
        #expect(text.contains("5 s avg: "), "\(text)")
        #expect(text.contains("async L 6.1 (6 now) ≈ 60/s×0.1 s = 6.1 ✓"), "\(text)")
    }

    @Test("the minute's most queued is never below the line now, even before the history's next sample")
    func minuteMaximumIncludesNow() {
        var frame = SampleFrames.idleStart
        frame.sync.doorQueue = 7
        frame.sync.doorHistory = History(capacity: 60)
        for (width, height) in TruthTableTests.sizes {
            let sync = TruthTableTests.Picture(frame, width: width, height: height).pane(.sync)
            #expect(sync.contains("max 7"), "at \(width)×\(height):\n\(sync)")
            #expect(!sync.contains("max 0"), "at \(width)×\(height)")
        }
    }

    @Test("the async café blocked: BLOCKED with its loop lag, its door filling, the theory counts its one loop")
    func blocked() {
        let lines = screen(SampleFrames.asyncBlocked)
        #expect(lines[2] == "┌ SYNC café — 4 baristas ──────────────┐┌ ASYNC café — 1 barista, blocking ────┐")
        #expect(lines[3] == "│ door   nobody waiting                ││ door   ●●●●●●●●●●●●●● 14 queued      │")
        #expect(lines[4] == "│ bar    1 [■■□□□] blocked 40ms        ││ bar    [BLOCKED] lag 98ms            │")
        #expect(lines[5] == "│        2 [·····] idle                ││        buzzers 0 awaiting            │")
        #expect(lines[8] == "│        2 blocked at the machine      ││                                      │")
        #expect(lines[13] == " theory  sync  4 baristas ÷ 0.1 s = 40 cups/s ≥ 20/s offered · 50% busy")
        #expect(lines[14] == "         async 1 loop ÷ 0.1 s = 10 cups/s < 20/s offered → door grows 10/s")
    }

    @Test("BLOCKED is red and reversed, and a blocked barista's gauge is red")
    func blockedStyles() {
        let model = DashboardModel(frame: SampleFrames.asyncBlocked, width: 80, height: 24, options: .init(cores: 2))
        let canvas = DashboardView.render(model)
        let x = canvas.line(4).distance(from: "│ bar    1 [■■□□□] blocked 40ms        ││ bar    [")
        #expect(canvas.style(atX: x, y: 4) == Style(foreground: .red, bold: true, reverse: true))
        #expect(canvas.style(atX: 12, y: 4).foreground == .red)
        #expect(canvas.style(atX: 14, y: 4).foreground == .red && canvas.style(atX: 14, y: 4).dim)
        #expect(canvas.style(atX: 19, y: 4).foreground == .red)  // "blocked 40ms"
    }

    @Test("offload mode: the back room with its helpers is the queue that grows, and the queue chart counts it")
    func offload() {
        let lines = screen(SampleFrames.offload)
        #expect(lines[2].hasSuffix("┌ ASYNC café — 1 barista + 4 helpers ──┐"))
        #expect(
            lines[8].hasSuffix("││ back   ■■■■ 4/4 busy, 368 wait       │"), "the helpers' queue shows even when narrow"
        )
        #expect(lines[14] == "         async 4 helpers ÷ 0.1 s = 40/s < 50/s → back room +10/s")
        let wide = screen(SampleFrames.offload, width: 120, height: 40)
        #expect(wide.contains { $0.hasSuffix("││ back   ■■■■ 4/4 helpers busy, 368 waiting for one        │") })
        #expect(wide.contains { $0.contains("││ queue  door+back room ") })
        #expect(wide.contains("         async 4 helpers ÷ 0.1 s = 40 cups/s < 50/s offered → back room grows 10/s"))
    }

    @Test("the saturated café's colours: customers yellow, cups green, buzzers cyan")
    func colours() {
        let canvas = DashboardView.render(
            DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24, options: .init(cores: 2)))
        #expect(canvas.style(atX: 9, y: 3).foreground == .yellow)  // ● at the door
        #expect(canvas.style(atX: 9, y: 9).foreground == .green)  // ✓ cups
        let buzzer = canvas.line(5).distance(from: "│        2 [■□□□□] blocked 20ms        ││        buzzers ")
        #expect(canvas.style(atX: buzzer, y: 5).foreground == .cyan)
    }

    @Test("ASCII and no colour: every character is ASCII, no cell has a colour, meaning stays in glyphs and words")
    func asciiNoColor() {
        let options = DashboardOptions(ascii: true, noColor: true, cores: 2)
        for frame in ScreenSizeTests.samples {
            for (width, height) in ScreenSizeTests.sizes {
                let canvas = DashboardView.render(
                    DashboardModel(frame: frame, width: width, height: height, options: options))
                let allASCII = canvas.text.allSatisfy { $0.isASCII }
                #expect(allASCII, "\(width)×\(height)")
                let colourless = canvas.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil }
                #expect(colourless)
            }
        }
        let lines = screen(SampleFrames.asyncBlocked, options: options)
        #expect(lines[2] == "+ SYNC cafe - 4 baristas --------------++ ASYNC cafe - 1 barista, blocking ----+")
        #expect(lines[3] == "| door   nobody waiting                || door   oooooooooooooo 14 queued      |")
        #expect(lines[4] == "| bar    1 [##...] blocked 40ms        || bar    [BLOCKED] lag 98ms            |")
        #expect(lines[5] == "|        2 [     ] idle                ||        buzzers 0 awaiting            |")
        #expect(lines[14] == "         async 1 loop / 0.1 s = 10 cups/s < 20/s offered -> door grows 10/s")
        let canvas = DashboardView.render(
            DashboardModel(frame: SampleFrames.asyncBlocked, width: 80, height: 24, options: options))
        let x = canvas.line(4).distance(from: "| bar    1 [##...] blocked 40ms        || bar    ")
        #expect(canvas.style(atX: x, y: 4) == Style(bold: true, reverse: true))  // BLOCKED still stands out
    }

    @Test("the help overlay lists every key")
    func help() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 80, height: 24, options: .init(cores: 2))
        _ = model.update(.key(.character("?")))
        let text = DashboardView.render(model).text
        for binding in KeyMap.bindings { #expect(text.contains(binding.keys + " ")) }
        #expect(text.contains("┌ keys ─"))
        #expect(text.contains("async handler: await → block → offload"))
    }

    @Test("the help overlay keeps every line, its legend's last one included, at 80×24 and 200×60")
    func helpWhole() {
        for (width, height) in [(80, 24), (200, 60)] {
            var model = DashboardModel(
                frame: SampleFrames.saturatedSync, width: width, height: height, options: .init(cores: 2))
            _ = model.update(.key(.character("?")))
            let text = DashboardView.render(model).text
            let help = HelpOverlay(glyphs: .unicode, palette: .color)
            for line in help.lines where !line.isEmpty {
                let words = line.map(\.text).joined().trimmingCharacters(in: .whitespaces)
                #expect(text.contains(words), "\(width)×\(height): \(words)")
            }
            #expect(text.contains("brewed for nobody"))
        }
    }

    @Test("a café that died says so, with its last words")
    func serverDown() {
        var frame = SampleFrames.saturatedSync
        frame.async.serverDown = "exited with status 1: bind: address in use"
        let lines = screen(frame)
        #expect(lines[3].hasSuffix("││ ✗ this café has stopped              │"))
        #expect(lines[4].hasSuffix("││ exited with status 1: bind: address  │"))
        #expect(lines[5].hasSuffix("││ in use                               │"))
    }

    @Test("a lesson's narration replaces the hint")
    func narration() {
        var frame = SampleFrames.idleStart
        frame.narration = Narration(title: "Four baristas who wait", text: "Twenty customers a second walk in.")
        let lines = screen(frame)
        #expect(lines[18].hasPrefix("┌ Four baristas who wait ─"))
        #expect(lines[19] == "│ Twenty customers a second walk in.                                           │")
    }
}

extension String {
    /// The column where `prefix` ends, for pointing at a cell in a test.
    fileprivate func distance(from prefix: String) -> Int {
        precondition(hasPrefix(prefix), "\(self) does not start with \(prefix)")
        return prefix.count
    }
}
