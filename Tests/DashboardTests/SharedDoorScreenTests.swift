import CafeModel
import TestSupport
import Testing

@testable import Dashboard

/// Several loops, one door: the async pane names a blocked loop and the customers stuck with it while the other
/// serves; with one door per loop (`reuseport`) it shows each loop's queue; what to watch says the same as theory.
@Suite("Two loops, one blocked: the pane and what to watch", .onOwnThreads)
struct SharedDoorScreenTests {
    private func asyncPane(_ frame: ShowFrame, width: Int, height: Int) -> [String] {
        let half = width / 2
        return screen(frame, width: width, height: height).map { String($0.dropFirst(half)) }
    }

    @Test("the blocked loop is named with the customers it holds; the other loop serves (80×24 and 200×60)")
    func blockedLoopNamed() {
        let narrow = asyncPane(SampleFrames.oneOfTwoLoopsBlocked, width: 80, height: 24)
        // Too long for one row of a narrow pane: the banner and lag, then who is stuck, above the buzzers.
        let bar = narrow.firstIndex { $0.contains("bar    [loop 2 BLOCKED] lag 320ms") }
        #expect(bar != nil, "\(narrow.joined(separator: "\n"))")
        if let bar {
            #expect(narrow[bar + 1].contains("       3 customers stuck with it"), "\(narrow[bar + 1])")
            #expect(narrow[bar + 2].contains("buzzers 0 awaiting"), "\(narrow[bar + 2])")
        }
        #expect(!narrow.joined().contains("nobody takes orders"))
        let wide = asyncPane(SampleFrames.oneOfTwoLoopsBlocked, width: 200, height: 60)
        #expect(
            wide.contains { $0.contains("[loop 2 BLOCKED] 3 customers stuck with it · the other loop serves") },
            "\(wide.joined(separator: "\n"))")
    }

    @Test("both loops blocked: nobody takes orders, as with one loop")
    func bothBlocked() {
        var frame = SampleFrames.oneOfTwoLoopsBlocked
        frame.async.loops[0].state = .blocked
        let pane = asyncPane(frame, width: 200, height: 60)
        #expect(
            pane.contains { $0.contains("[BLOCKED 2/2]") && $0.contains("nobody takes orders") },
            "\(pane.joined(separator: "\n"))")
    }

    @Test("one door per loop (reuseport): the doors label and each loop's queue")
    func doorPerLoop() {
        var frame = SampleFrames.oneOfTwoLoopsBlocked
        frame.scenario.asyncDoor = .reuseport
        frame.async.loops[0].doorQueue = 0
        frame.async.loops[1].doorQueue = 4
        frame.async.doorQueue = 4
        let pane = asyncPane(frame, width: 200, height: 60)
        #expect(
            pane.contains { $0.contains("doors") && $0.contains("4 queued (0 · 4)") },
            "\(pane.joined(separator: "\n"))")
        frame.async.loops[1].doorQueue = 0
        frame.async.doorQueue = 0
        let empty = asyncPane(frame, width: 200, height: 60)
        #expect(
            empty.contains { $0.contains("nobody waiting at 2 doors (one per loop)") },
            "\(empty.joined(separator: "\n"))")
    }

    @Test("what to watch and the theory agree: 2 loops ÷ 500 ms; the free loop takes every newcomer")
    func whatToWatchAgrees() {
        let frame = SampleFrames.oneOfTwoLoopsBlocked
        let words = WhatToWatch(frame: frame, cores: 2).text
        #expect(words.contains("Loop 2 is blocked with 3 customers stuck waiting for it"), "\(words)")
        #expect(words.contains("the free loop takes every newcomer"), "\(words)")
        #expect(words.contains("2 loops ÷ 500ms = 4 cups/s at most"), "\(words)")
        let lines = screen(frame, width: 200, height: 60)
        #expect(lines.contains { $0.contains("async 2 loops ÷ 0.5 s = 4 cups/s") }, "\(lines.joined(separator: "\n"))")
        var calm = frame
        calm.async.loops[1].state = .idle
        calm.async.loops[1].lagMs = 0
        let calmWords = WhatToWatch(frame: calm, cores: 2).text
        #expect(
            calmWords.contains("Each of the async café's 2 loops stares at the machine for its own cups"),
            "\(calmWords)")
        #expect(calmWords.contains("2 loops ÷ 500ms = 4 cups/s at most"), "\(calmWords)")
    }
}
