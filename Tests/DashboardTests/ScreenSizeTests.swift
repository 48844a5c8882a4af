import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

@Suite("Whole screens at every size", .onOwnThreads)
struct ScreenSizeTests {
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

    @Test("at 200×60 the panes grow: a wrapped door, a row per barista with its customer, tall charts, a side legend")
    func large() {
        let lines = screen(SampleFrames.saturatedSync, width: 200, height: 60)
        #expect(lines.count == 60)
        #expect(lines[3].hasPrefix("│ door   ●●●●●●●●●●●●●●●●●●●●●●●●●●● 27 queued "))
        #expect(lines[7].hasPrefix("│ bar    1 [■■■■■■■■■■■■■■■■□□□□] blocked 80ms · customer #1176 "))
        #expect(lines[10].hasPrefix("│        4 [■■■■■■■■■■■■■■■■■■■□] blocked 99ms · customer #1175 "))
        #expect(lines[11].hasPrefix("│        4 blocked at the machine · longest 99ms "))
        #expect(lines[11].contains("││        back") == false)
        #expect(lines[13].hasPrefix("│ cups   ✓ 1,204 "))
        #expect(lines[14].hasPrefix("│        40.0/s "))
        #expect(lines[15].hasPrefix("│        ✗ 3 walked out "))
        // The wait histogram is nine rows: eight of bars on a floor, then the bounds of its buckets.
        let scale = "│                          10ms  20    50    100   200   500   1s    2s    5s    >5s"
        #expect(lines[31].hasPrefix(scale))
        #expect(lines[31].contains("││" + scale.dropFirst()))
        #expect(lines[33].hasPrefix("│ queue  door "))
        #expect(lines[34].hasPrefix("│        minute max 27 "))
        #expect(lines[41].hasPrefix("└") && lines[41].hasSuffix("┘"))
        #expect(
            lines[45].hasPrefix(
                "         L customers in the shop (averaged) = λ arrivals per second × W seconds each one stays"))
        #expect(lines[46] == " cores   sync café 0.1 · async café 0.0 · show+customers 0.1 = 0.2 of 2")
        #expect(lines[48].hasPrefix("┌ what to watch ─"))
        #expect(
            lines[49].hasPrefix(
                "│ 60 customers/s come and the sync café's 4 baristas serve at most 40/s: its line grows 20/s. 7 baristas "
            ))
        #expect(lines[49].hasSuffix("● customer at the door                      │"))
        #expect(lines[56].hasSuffix("▁▃▆█ last minute, newest at the right       │"))
        #expect(lines[59].hasSuffix("[r] reset  [x] clear  [?] help  [q] quit"))
    }

    @Test("at 120×40 the door has two rows, every barista a row, the charts four")
    func medium() {
        var frame = SampleFrames.saturatedSync
        frame.sync.doorQueue = 178
        let lines = screen(frame, width: 120, height: 40)
        #expect(
            lines[3]
                == "│ door   ●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●● ││ door   nobody waiting                                    │"
        )
        #expect(
            lines[4]
                == "│        ●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●●● +95 178 queued ││                                                          │"
        )
        #expect(
            lines[6]
                == "│ bar    1 [■■■■■■■■■■□□] blocked 80ms · customer #1176    ││ bar    [taking orders] lag <1ms                          │"
        )
        #expect(
            lines[7]
                == "│        2 [■■□□□□□□□□□□] blocked 20ms · customer #1179    ││        buzzers ◉◉◉◉◉◉ 6 awaiting                         │"
        )
        #expect(
            lines[10]
                == "│        4 blocked at the machine · longest 99ms           ││                                                          │"
        )
        #expect(
            lines[12]
                == "│ cups   ✓ 1,204                                           ││ cups   ✓ 1,811           ███████████████████████████████ │"
        )
        #expect(
            lines[14]
                == "│        ✗ 3 walked out    ███████████████████████████████ ││        ✗ 0 walked out    ███████████████████████████████ │"
        )
        #expect(
            lines[17]
                == "│ wait   p50 612ms                        ▂▂ ██            ││ wait   p50 101ms                     ██                  │"
        )
        #expect(
            lines[20]
                == "│                          10ms  50 100   500   2s 5s >5s  ││                          10ms  50 100   500   2s 5s >5s  │"
        )
        #expect(
            lines[22]
                == "│ queue  door                                   ▁▂▃▄▄▅▆▇██ ││ queue  door                                              │"
        )
        #expect(
            lines[24]
                == "│                          ▁▁▁▂▃▄▅▅▆▇█████████████████████ ││                          ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁ │"
        )
        #expect(lines[25].hasPrefix("└──"))
        #expect(lines[32].hasPrefix("┌ what to watch ─"))
        #expect(
            lines[37]
                == "│ ✓ cup served   ✗ walked out   ∅ brewed for nobody   ▁▃▆█ last minute, newest at the right                            │"
        )
    }

    static let sizes = [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)]
    static let samples = [
        SampleFrames.idleStart, SampleFrames.saturatedSync, SampleFrames.asyncBlocked, SampleFrames.offload,
    ]

    @Test("no band of empty rows: inside the frame at most 3 blank rows in a row, at every size", arguments: sizes)
    func noEmptyBands(width: Int, height: Int) {
        for (index, frame) in Self.samples.enumerated() {
            let lines = screen(frame, width: width, height: height)
            #expect(lines.count == height)
            var run = 0, longest = 0
            for line in lines {
                // A row with nothing but box sides and spaces is blank.
                let blank = line.allSatisfy { $0 == " " || $0 == "│" }
                run = blank ? run + 1 : 0
                longest = max(longest, run)
            }
            #expect(longest <= 3, "sample \(index) at \(width)×\(height): \(longest) blank rows in a row")
            // And the lesson panel's box reaches down to the footer.
            let bottom = lines[height - 2]
            #expect(bottom.hasPrefix("└") && bottom.hasSuffix("┘"), "sample \(index) at \(width)×\(height)")
        }
    }

    @Test("the same part sits at the same row in both panes, at every size", arguments: sizes)
    func alignedPanes(width: Int, height: Int) {
        for frame in Self.samples {
            let all = screen(frame, width: width, height: height)
            // The panes' rows only: the lesson panel's words may start with "wait" too.
            let lines = Array(all.prefix { !$0.hasPrefix("└") })
            let half = width / 2
            for label in ["door", "bar", "cups", "wait", "queue"] {
                let rows = lines.indices.filter { lines[$0].hasPrefix("│ \(label) ") }
                let right = lines.indices.filter { Array(lines[$0]).dropFirst(half).starts(with: "│ \(label) ") }
                #expect(rows.count == 1 && rows == right, "\(label) at \(width)×\(height): \(rows) vs \(right)")
            }
        }
    }

    @Test("a long lesson keeps its words: the panes give up rows so the narration fits")
    func longNarration() {
        var frame = SampleFrames.saturatedSync
        let sentence = "Each cup takes 100 ms at the machine, and a sync barista stands there for all of it. "
        frame.narration = Narration(title: "Four baristas who wait", text: String(repeating: sentence, count: 8))
        let lines = screen(frame, width: 120, height: 40)
        let top = lines.firstIndex { $0.hasPrefix("┌ Four baristas who wait") }
        #expect(top != nil)
        // 8 sentences of 86 columns wrap to 7 rows of at most 116: all of them are on the screen.
        let text = lines[(top ?? 0)...].filter { $0.hasPrefix("│ ") && $0.contains("machine") }
        #expect(text.count >= 6)
        #expect(lines[38].hasPrefix("└"))
    }
}
