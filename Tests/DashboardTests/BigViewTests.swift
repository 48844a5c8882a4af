import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// The projector layout (`barista demo --big`) at 100×30, as text.
@Suite("The presentation layout", .onOwnThreads)
struct BigViewTests {
    static func big(_ frame: ShowFrame, width: Int = 100, height: Int = 30) -> [String] {
        screen(frame, width: width, height: height, options: DashboardOptions(cores: 2, big: true))
    }

    static var demoFrame: ShowFrame {
        var frame = SampleFrames.lessonStep
        frame.lesson?.autoPlay = .init(paused: false, secondsLeft: 12, speed: 1)
        return frame
    }

    @Test("each café's cups/s, queued and median wait in three-row digits, their small words beside them")
    func figures() {
        let lines = Self.big(Self.demoFrame)
        #expect(lines.count == 30)
        #expect(
            lines[1].hasPrefix("┌ SYNC café — 4 baristas ─")
                && lines[1].contains("┌ ASYNC café — 1 barista + buzzers ─"))
        #expect(
            lines[2]
                == "│ cups per second                                ││ cups per second                                │"
        )
        // 40.0 for the sync café, 60.0 for the async one: "4", "0", ".", "0".
        #expect(lines[3].hasPrefix("│ █ █ █▀█   █▀█ "))
        #expect(lines[5].hasPrefix("│   ▀ ▀▀▀ ▀ ▀▀▀ /s   ✓ 1,204 · ✗ 3 left"))
        #expect(lines[6].hasPrefix("│ queued ") && lines[9].contains("4/4 baristas at the machine"))
        #expect(lines[10].hasPrefix("│ median wait ") && lines[13].contains("ms   p99 1.9s"))
        #expect(lines[13].contains("ms   p99 104ms"))
    }

    @Test("the demo's panel: its title with the script's clock, the answer beside the figure, the demo keys")
    func panel() {
        let text = Self.big(Self.demoFrame).joined(separator: "\n")
        #expect(text.contains("demo: The buzzer: async serving · step 2/9: Four baristas who wait · next in 12 s"))
        #expect(text.contains("you said 50 · measured 40.0/s · ✗ yours is off by 25%"))
        #expect(text.contains("the lesson's") && text.contains("answer: 40"), "wrapped on a narrow panel")
        #expect(text.contains("[space] pause script"))
        #expect(
            !text.contains("[space] pause  "), "the footer leaves out the door's pause while space pauses the script")
        var paused = Self.demoFrame
        paused.lesson?.autoPlay?.paused = true
        #expect(Self.big(paused).joined(separator: "\n").contains("paused (space resumes)"))
    }

    @Test("below 100×30 it asks for a larger terminal")
    func tooSmall() {
        let text = Self.big(Self.demoFrame, width: 99, height: 30).joined(separator: "\n")
        #expect(text.contains("make the terminal at least 100×30 for --big"))
    }

    @Test("three-row digits for every character a figure uses")
    func digits() {
        for character in "0123456789.,-k" { #expect(BigNumber.font[character]?.count == 3, "\(character)") }
        #expect(BigNumber(text: "40.0", style: .plain, glyphs: .unicode).columns == 13)
    }
}
