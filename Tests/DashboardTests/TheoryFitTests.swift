import CafeModel
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

@Suite("Theory lines fit", .onOwnThreads)
struct TheoryFitTests {
    @Test(
        "every theory line fits its row at 80, 120 and 200 columns (its compact form at 80)",
        arguments: SampleFrames.all.map(\.name))
    func fits(name: String) throws {
        let sample = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        var light = sample
        light.machine = MachineLoad(cores: 2, syncCafe: 0.25, asyncCafe: 0.25, show: 0.25)
        // Four-digit rates into a full door, as `--rate 5000/s --brew 10ms` gives, for I/O and for CPU brews.
        var huge = sample
        huge.scenario.ratePerSecond = 5000
        huge.offeredRate = 5000
        huge.scenario.brewMilliseconds = 10
        huge.sync.doorCapacity = 4096
        huge.sync.doorQueue = 4096
        var hugeCPU = huge
        hugeCPU.scenario.kind = .cpu
        for frame in [sample, light, huge, hugeCPU] {
            for width in [80, 120, 200] {
                let room = width - 10
                let lines = TheoryLines(frame: frame, cores: 2, glyphs: .unicode, palette: .color)
                let pairs: [(Line, Line)] = [
                    (lines.capacityLine(.sync), lines.capacityLine(.sync, compact: true)),
                    (lines.capacityLine(.async), lines.capacityLine(.async, compact: true)),
                    (lines.littleLine(), lines.littleLine(compact: true)),
                    (lines.coresLine(), lines.coresLine(compact: true)),
                ]
                for (long, compact) in pairs {
                    var shown = long.columns <= room ? long : compact
                    // The cores row has a tightest form too (every figure, fewer words).
                    if shown.columns > room && compact == pairs[3].1 { shown = lines.coresLine(tight: true) }
                    #expect(
                        shown.columns <= room,
                        "\(name) at \(width): \(shown.map(\.text).joined()) | \(compact.map(\.text).joined())")
                }
            }
        }
    }
}
