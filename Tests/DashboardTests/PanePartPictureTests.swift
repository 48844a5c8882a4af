import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// Each part of a café pane drawn on its own into a small canvas and compared line by line, as ratatui tests its
/// widgets: a change to one part shows here, named, not somewhere in a whole screen.
@Suite("A café pane's parts, drawn alone", .onOwnThreads)
struct PanePartPictureTests {
    /// The part drawn into a `width`×`height` canvas: its rows, trailing blanks trimmed.
    static func picture(_ part: some Widget, width: Int, height: Int = 1) -> [String] {
        var canvas = Canvas(width: width, height: height)
        part.render(into: &canvas, area: Rect(x: 0, y: 0, width: width, height: height))
        return canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
    }

    static func context(
        _ change: (inout ShowState) -> Void, cafe: CafeKind = .sync, ascii: Bool = false
    ) -> PaneContext {
        var state = ShowState(cafe: cafe)
        change(&state)
        return PaneContext(
            state: state, scenario: Scenario(ratePerSecond: 60, arrivals: .constant, brewMilliseconds: 100),
            glyphs: ascii ? .ascii : .unicode, palette: .monochrome, sharedQueueMaximum: 60, sharedServedMaximum: 60)
    }

    @Test("door: one glyph a customer, then the count; nobody waiting says so")
    func door() {
        let few = DoorPart(
            context: Self.context {
                $0.doorQueue = 5; $0.doorCapacity = 2048
            })
        #expect(Self.picture(few, width: 40) == ["door   ●●●●● 5 queued"])
        let ascii = DoorPart(
            context: Self.context(
                {
                    $0.doorQueue = 5; $0.doorCapacity = 2048
                }, ascii: true))
        #expect(Self.picture(ascii, width: 40) == ["door   ooooo 5 queued"])
        let empty = DoorPart(context: Self.context { $0.doorCapacity = 2048 })
        #expect(Self.picture(empty, width: 40) == ["door   nobody waiting"])
    }

    @Test("door, full: the lane to its +overflow, then every number; on the narrowest row the numbers alone")
    func fullDoor() {
        let full = DoorPart(
            context: Self.context {
                $0.doorQueue = 2049
                $0.doorCapacity = 2048
                $0.goneAtDoor = 1833
                $0.connecting = 212
            })
        #expect(
            Self.picture(full, width: 80)
                == ["door   ●●●●●●●●●●●●●●●●●●●●●●● +2026 full: 2,049 queued, 1,833 gone, 212 outside"])
        #expect(Self.picture(full, width: 38) == ["door   2,049 full 1,833 gone 212 out"])
    }

    @Test("bar (sync): a row per barista with the cup's progress and its customer, then the summary")
    func syncBar() {
        let bar = SyncBarPart(
            context: Self.context {
                $0.baristas = [.init(state: .blocked, forMs: 50, brewMs: 100, customer: "12"), .init(state: .idle)]
            },
            onePerRow: true)
        #expect(
            Self.picture(bar, width: 60, height: 3) == [
                "bar    1 [■■■■■■■■□□□□□□□□] blocked 50ms · customer #12",
                "       2 [················] idle",
                "       1 blocked at the machine, 1 idle · longest 50ms",
            ])
    }

    @Test("bar (async): the loop taking orders with its buzzers out, or BLOCKED with its lag")
    func asyncBar() {
        let awaiting = AsyncBarPart(
            context: Self.context(
                { $0.loops = [.init(state: .idle, lagMs: 0.4, maxLagMs: 1.1, awaiting: 6)] }, cafe: .async))
        #expect(
            Self.picture(awaiting, width: 60, height: 3)
                == ["bar    [taking orders] lag <1ms", "       buzzers ◉◉◉◉◉◉ 6 awaiting", ""])
        let blocked = AsyncBarPart(
            context: Self.context({ $0.loops = [.init(state: .blocked, lagMs: 480, maxLagMs: 900)] }, cafe: .async))
        #expect(
            Self.picture(blocked, width: 60, height: 3)
                == ["bar    [BLOCKED] lag 480ms nobody takes orders", "       buzzers 0 awaiting", ""])
    }

    @Test("cups: served, the rate and walk-outs on one row; taller, the numbers beside the minute's chart")
    func cups() {
        let cups = CupsPart(
            context: Self.context {
                $0.served = 1204
                $0.servedPerSecond = 40
                $0.walkedOut = 3
                $0.servedHistory = History(capacity: 60, samples: [20, 40, 40, 40])
            })
        #expect(Self.picture(cups, width: 60) == ["cups   ✓ 1,204 40.0/s                    ▃▆▆▆ ✗ 3 walked out"])
        #expect(
            Self.picture(cups, width: 60, height: 3) == [
                "cups   ✓ 1,204",
                "       40.0/s                                            ███",
                "       ✗ 3 walked out    ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁████",
            ])
    }

    @Test("wait: p50 and p99, then the histogram from 10 ms to 5 s and over, with its buckets named")
    func wait() {
        let wait = WaitPart(
            context: Self.context {
                $0.served = 10
                $0.waitP50Ms = 612
                $0.waitP99Ms = 1900
                $0.waitHistogram = [0, 0, 0, 40, 120, 300, 420, 260, 60, 4]
            })
        #expect(Self.picture(wait, width: 60) == ["wait   p50 612ms p99 1.9s  ▁▁▁▁▃▆█▅▂▁ 10ms…5s+"])
        #expect(
            Self.picture(wait, width: 100, height: 4) == [
                "wait   p50 612ms                                       ▂▂▂▂▂ █████",
                "       p99 1.9s                                        █████ █████ ▇▇▇▇▇",
                "                         ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▃▃▃▃▃▁▇▇▇▇▇▁█████▁█████▁█████▁▄▄▄▄▄▁▁▁▁▁▁",
                "                         10ms  20    50    100   200   500   1s    2s    5s    >5s",
            ])
    }

    @Test("queue: the minute's door as a sparkline, newest at the right, and its maximum")
    func queue() {
        let queue = QueuePart(
            context: Self.context {
                $0.doorQueue = 27
                $0.doorHistory = History(capacity: 60, samples: [0, 10, 20, 30, 40, 50, 60])
            })
        #expect(Self.picture(queue, width: 60) == ["queue                            ▁▂▃▄▆▇█ door, minute max 60"])
        #expect(
            Self.picture(queue, width: 60, height: 3) == [
                "queue  door                                               ▄█",
                "       minute max 60                                    ▄███",
                "                         ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▄█████",
            ])
    }
}
