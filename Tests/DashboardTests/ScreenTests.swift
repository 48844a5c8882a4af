import CafeModel
import Testing
import TerminalUI

@testable import Dashboard

/// The screen for a frame at a size, as text rows with trailing spaces trimmed.
func screen(
    _ frame: ShowFrame, width: Int = 80, height: Int = 24, options: DashboardOptions = DashboardOptions(cores: 2)
) -> [String] {
    DashboardView.render(DashboardModel(frame: frame, width: width, height: height, options: options)).text
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Whole screens, as text")
struct ScreenTests {
    @Test("a saturated sync café with a long door queue beside a calm async café, at 80×24, in full")
    func saturatedFull() {
        let expected = """
             barista · same 60 customers/s into both cafés · brew 100 ms (I/O)     [?] help
             sync http://127.0.0.1:8001   async http://127.0.0.1:8002
            ┌ SYNC café — 4 baristas ──────────────┐┌ ASYNC café — 1 barista + buzzers ────┐
            │ door   ●●●●●●●●●●●●●●● +12 27 queued ││ door   nobody waiting                │
            │ bar    [■■■□] [■□□□] [■■□□] [■■■□]   ││ bar    [taking orders] lag 1ms       │
            │        4 blocked at the machine      ││        buzzers ◉◉◉◉◉◉ 6 awaiting     │
            │                                      ││                                      │
            │ cups   ✓ 1,204 40.0/s ▆▆▆▆▆▆▆▆▆▆ ✗ 3 ││ cups   ✓ 1,811 60.0/s ██████████ ✗ 0 │
            │ wait   p50 612ms p99 1.9s  ▁▁▁▁▃▆█▅▂ ││ wait   p50 101ms p99 104ms ▁▁▁▁█▁▁▁▁ │
            │ queue  ▆▇▇▇▇████ last minute, max 26 ││ queue  ▁▁▁▁▁▁▁▁▁▁ last minute, max 0 │
            └──────────────────────────────────────┘└──────────────────────────────────────┘
             theory  sync  4 baristas ÷ 0.1 s = 40 cups/s < 60/s offered → door grows 20/s
                     async await: buzzers cost no barista → no limit for I/O waits
             L=λ·W   sync L 31 ≈ 60/s×0.52 s = 31.2 ✓  async L 6 ≈ 60/s×0.1 s = 6.1 ✓
             ticker  customer #1207: sync 1.42 s, async 0.10 s
            ┌ what to watch ───────────────────────────────────────────────────────────────┐
            │ More customers come than the sync café's baristas can serve: its door queue  │
            │ grows every second and so does every wait, while the async café hands out    │
            │ buzzers and keeps up. Press w to hire a barista.                             │
            └──────────────────────────────────────────────────────────────────────────────┘



             [+/-] rate  [w/W] baristas  [m] handler  [space] pause  [?] help  [q] quit
            """
        let lines = screen(SampleFrames.saturatedSync)
        #expect(lines.count == 24)
        for (index, line) in expected.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            #expect(lines[index] == String(line), "row \(index)")
        }
    }

    @Test("an idle start: nobody waiting, idle baristas, theory under capacity")
    func idle() {
        let lines = screen(SampleFrames.idleStart, width: 120, height: 34)
        #expect(lines[0].hasPrefix(" barista · same 30 customers/s into both cafés · brew 100 ms (I/O) · poisson"))
        #expect(lines[0].hasSuffix("[?] help"))
        #expect(lines[1] == " sync http://127.0.0.1:8001   async http://127.0.0.1:8002   try: curl http://127.0.0.1:8001/brew?ms=100")
        #expect(lines[2] == "┌ SYNC café — 4 baristas, each waits by the machine ───────┐┌ ASYNC café — 1 barista + buzzers ────────────────────────┐")
        #expect(lines[3] == "│ door   nobody waiting                                    ││ door   nobody waiting                                    │")
        #expect(lines[4] == "│ bar    [□□□□□] [□□□□□] [□□□□□] [□□□□□]                   ││ bar    [taking orders] lag 0ms                           │")
        #expect(lines[5] == "│        4 idle                                            ││        buzzers 0 awaiting                                │")
        #expect(lines[11] == " theory  sync  4 baristas ÷ 0.1 s = 40 cups/s ≥ 30/s offered · 75% busy")
        #expect(lines[12] == "         async await: buzzers cost no barista → no limit for I/O waits")
        #expect(lines[13] == " L=λ·W   sync waiting for the first cups  async waiting for the first cups")
        #expect(lines[14] == " ticker  the first customer is on the way")
        #expect(lines[33].hasSuffix("[?] help  [q] quit"))
    }

    @Test("the async café blocked: BLOCKED with its loop lag, its door filling, the theory counts its one loop")
    func blocked() {
        let lines = screen(SampleFrames.asyncBlocked)
        #expect(lines[2] == "┌ SYNC café — 4 baristas ──────────────┐┌ ASYNC café — 1 barista, blocking ────┐")
        #expect(lines[3] == "│ door   nobody waiting                ││ door   ●●●●●●●●●●●●●● 14 queued      │")
        #expect(lines[4] == "│ bar    [■■□□] [□□□□] [■■■□] [□□□□]   ││ bar    [BLOCKED] lag 100ms           │")
        #expect(lines[5] == "│        2 blocked at the machine      ││        buzzers 0 awaiting            │")
        #expect(lines[11] == " theory  sync  4 baristas ÷ 0.1 s = 40 cups/s ≥ 20/s offered · 50% busy")
        #expect(lines[12] == "         async 1 loop ÷ 0.1 s = 10 cups/s < 20/s offered → door grows 10/s")
    }

    @Test("BLOCKED is red and reversed, and a blocked barista's gauge is red")
    func blockedStyles() {
        let model = DashboardModel(frame: SampleFrames.asyncBlocked, width: 80, height: 24, options: .init(cores: 2))
        let canvas = DashboardView.render(model)
        let x = canvas.line(4).distance(from: "│ bar    [■■□□] [□□□□] [■■■□] [□□□□]   ││ bar    [")
        #expect(canvas.style(atX: x, y: 4) == Style(foreground: .red, bold: true, reverse: true))
        #expect(canvas.style(atX: 10, y: 4).foreground == .red)
        #expect(canvas.style(atX: 12, y: 4).foreground == .red && canvas.style(atX: 12, y: 4).dim)
    }

    @Test("offload mode: the back room with its helpers, capacity from helpers")
    func offload() {
        let lines = screen(SampleFrames.offload)
        #expect(lines[2].hasSuffix("┌ ASYNC café — 1 barista + 4 helpers ──┐"))
        #expect(lines[6].hasSuffix("││ back   ■■■■ 4/4 helpers busy         │"))
        #expect(lines[12] == "         async 4 helpers ÷ 0.1 s = 40 cups/s < 60/s offered → door grows 20/s")
        let wide = screen(SampleFrames.offload, width: 120, height: 34)
        #expect(wide[6].hasSuffix("││ back   ■■■■ 4/4 helpers busy, 5 waiting for one          │"))
    }

    @Test("the saturated café's colours: customers yellow, cups green, buzzers cyan")
    func colours() {
        let canvas = DashboardView.render(
            DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24, options: .init(cores: 2)))
        #expect(canvas.style(atX: 9, y: 3).foreground == .yellow)  // ● at the door
        #expect(canvas.style(atX: 9, y: 7).foreground == .green)  // ✓ cups
        let buzzer = canvas.line(5).distance(from: "│        4 blocked at the machine      ││        buzzers ")
        #expect(canvas.style(atX: buzzer, y: 5).foreground == .cyan)
    }

    @Test("a terminal below 80×24 asks to be made larger, and recovers when it is")
    func tooSmall() {
        var model = DashboardModel(frame: SampleFrames.idleStart, width: 79, height: 24, options: .init(cores: 2))
        var lines = DashboardView.render(model).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[10] == "                       make the terminal at least 80×24")
        #expect(lines[11] == "                               (it is 79×24 now)")
        #expect(!lines.contains { $0.contains("SYNC café") })
        _ = model.update(.resize(width: 80, height: 24))
        lines = DashboardView.render(model).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].contains("SYNC café"))
    }

    @Test("ASCII and no colour: every character is ASCII, no cell has a colour, meaning stays in glyphs and words")
    func asciiNoColor() {
        let options = DashboardOptions(ascii: true, noColor: true, cores: 2)
        for frame in [SampleFrames.idleStart, SampleFrames.saturatedSync, SampleFrames.asyncBlocked, SampleFrames.offload] {
            let canvas = DashboardView.render(DashboardModel(frame: frame, width: 80, height: 24, options: options))
            let allASCII = canvas.text.allSatisfy { $0.isASCII }
            #expect(allASCII)
            let colourless = canvas.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil }
            #expect(colourless)
        }
        let lines = screen(SampleFrames.asyncBlocked, options: options)
        #expect(lines[2] == "+ SYNC cafe - 4 baristas --------------++ ASYNC cafe - 1 barista, blocking ----+")
        #expect(lines[3] == "| door   nobody waiting                || door   oooooooooooooo 14 queued      |")
        #expect(lines[4] == "| bar    [##..] [....] [###.] [....]   || bar    [BLOCKED] lag 100ms           |")
        #expect(lines[12] == "         async 1 loop / 0.1 s = 10 cups/s < 20/s offered -> door grows 10/s")
        let canvas = DashboardView.render(DashboardModel(frame: SampleFrames.asyncBlocked, width: 80, height: 24, options: options))
        let x = canvas.line(4).distance(from: "| bar    [##..] [....] [###.] [....]   || bar    ")
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
        #expect(lines[15].hasPrefix("┌ Four baristas who wait ─"))
        #expect(lines[16] == "│ Twenty customers a second walk in.                                           │")
    }

    @Test("works at 200×60, wide panes")
    func large() {
        let lines = screen(SampleFrames.saturatedSync, width: 200, height: 60)
        #expect(lines.count == 60)
        #expect(lines[3].hasPrefix("│ door   ●●●●●●●●●●●●●●●●●●●●●●●●●●● 27 queued "))
        #expect(lines[59].hasSuffix("[r] reset  [?] help  [q] quit"))
    }
}

extension String {
    /// The column where `prefix` ends, for pointing at a cell in a test.
    fileprivate func distance(from prefix: String) -> Int {
        precondition(hasPrefix(prefix), "\(self) does not start with \(prefix)")
        return prefix.count
    }
}
