import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// What the screen says at the machine's limit and in the moments after a change: each verdict follows the live
/// state, the help explains every glyph, and the header warns past the rate the show can carry.
@Suite("The screen at the machine's limit and in transitions", .onOwnThreads)
struct MachineLimitScreenTests {
    private func watch(_ frame: ShowFrame) -> String { WhatToWatch(frame: frame, cores: 2).text }

    @Test("the back room still full after the rate fell: not '75% busy' but the line as it is now")
    func backRoomAfterRateFell() {
        var frame = SampleFrames.offload
        frame.scenario.ratePerSecond = 30
        frame.offeredRate = 30
        frame.async.helpers = ShowState.Helpers(threads: 4, busy: 4, waiting: 264)
        frame.async.little = LittleWindow(
            seconds: 5, inShopNow: 268, inShopMean: 250, arrivalsPerSecond: 41, departuresPerSecond: 30,
            timeInShopSeconds: 4.1)
        let line = TheoryLines(frame: frame, cores: 2, glyphs: .unicode, palette: .color).capacityLine(.async).map(
            \.text
        ).joined()
        #expect(!line.contains("75% busy") && !line.contains("drain"), "\(line)")
        #expect(line.contains("264 queued, still +11/s now"), "\(line)")
        // Once the live line shrinks, the theory's drain estimate is true again.
        frame.async.little?.arrivalsPerSecond = 30
        frame.async.little?.departuresPerSecond = 40
        let draining = TheoryLines(frame: frame, cores: 2, glyphs: .unicode, palette: .color).capacityLine(.async)
            .map(\.text).joined()
        #expect(draining.contains("75% busy") && draining.contains("264 queued drain in"), "\(draining)")
    }

    @Test("a café that drained is not 'in overload' for its totals; gunicorn is named for the sync café only")
    func walkOutsFollowTheLiveState() {
        var frame = SampleFrames.idleStart
        frame.scenario.ratePerSecond = 50
        frame.offeredRate = 50
        frame.async.served = 9_000
        frame.async.walkedOut = 3_581
        frame.async.brewedForNobody = 120
        frame.async.servedPerSecond = 50
        frame.async.rateWindowSeconds = 5
        #expect(!watch(frame).contains("Overload"), "drained: \(watch(frame))")
        frame.async.walkedOutLately = 400
        #expect(watch(frame).contains("Overload: customers of the async café walk out"), "\(watch(frame))")
        #expect(!watch(frame).contains("gunicorn"), "\(watch(frame))")
        var sync = frame
        sync.async = ShowState(cafe: .async)
        sync.sync.walkedOut = 3_581
        sync.sync.walkedOutLately = 400
        sync.sync.brewedForNobody = 120
        #expect(watch(sync).contains("gunicorn's sync workers do the same"), "\(watch(sync))")
    }

    @Test("the help explains every glyph on screen: !, ⊘, the sparklines, the back room, reading")
    func helpExplainsGlyphs() {
        let help = HelpOverlay(glyphs: .unicode, palette: .color).lines.map { $0.map(\.text).joined() }.joined(
            separator: "\n")
        for words in [
            "! no cup (refused, reset, timeout, 4xx…)", "⊘ not sent by the generator", "▁▃▆█ a minute, a bar a second",
            "back ■ back-room helper", "◌ barista reading an order still arriving",
        ] {
            #expect(help.contains(words), "\(words):\n\(help)")
        }
    }

    @Test("past the rate the show can carry, the header says so; under it, it does not")
    func overRateWarning() {
        var frame = SampleFrames.saturatedSync
        frame.machine = MachineLoad(cores: 2, syncCafe: 0.1, asyncCafe: 0.1, show: 0.2, other: 0)
        #expect(DashboardView.overRateWarning(frame) == nil)
        frame.offeredRate = 2000
        frame.scenario.ratePerSecond = 2000
        let lines = screen(frame, width: 80, height: 24)
        #expect(
            lines[1].contains("past 1,500/s on 2 cores the customers need the cores"),
            "\(lines.joined(separator: "\n"))")
    }

    @Test("the cores row: who is the limit follows the shares, never more than N of N")
    func machineLimit() {
        #expect(MachineLoad(cores: 2, syncCafe: 0.2, asyncCafe: 0.2, show: 1.5, other: 0.1).limit == .customers)
        #expect(MachineLoad(cores: 2, syncCafe: 0.4, asyncCafe: 0.2, show: 0.06, other: 1.3).limit == .otherPrograms)
        #expect(MachineLoad(cores: 2, syncCafe: 1.2, asyncCafe: 0.6, show: 0.1, other: 0.05).limit == .cafes)
        #expect(MachineLoad(cores: 2, syncCafe: 0.2, asyncCafe: 0.2, show: 0.5, other: 0.1).limit == nil)
        // Shares that add up past the machine (a late reading) are never shown as more than it has.
        #expect(MachineLoad(cores: 2, syncCafe: 6.3, asyncCafe: 7.3, show: 0.5).used == 2)
    }
}
