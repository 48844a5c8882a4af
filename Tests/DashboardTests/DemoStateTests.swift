import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// What the demo's script is doing (paused, next in N s, waiting for checks) must be on screen at every size a class
/// sees, however long the lesson's title: the title gives way, never the state.
@Suite("The demo's state on screen", .onOwnThreads)
struct DemoStateTests {
    /// The classroom demo's own long title, on its first step.
    static func frame(_ status: LessonPanel.AutoPlayStatus) -> ShowFrame {
        var frame = SampleFrames.lessonStep
        frame.lesson?.lessonTitle = "Sync vs async in seven minutes: the classroom demo"
        frame.lesson?.step = 1
        frame.lesson?.steps = 6
        frame.lesson?.autoPlay = status
        return frame
    }

    static let states: [(status: LessonPanel.AutoPlayStatus, words: String)] = [
        (.init(paused: false, secondsLeft: 12, speed: 1), "next in 12 s"),
        (.init(paused: true, secondsLeft: 12, speed: 1), "paused (space resumes)"),
        (.init(paused: false, secondsLeft: 0, speed: 1, waitingForChecks: true), "waiting for checks"),
    ]

    /// The sizes a demo is shown at: the smallest terminal, the projector layout, a large screen.
    static let sizes: [(width: Int, height: Int, big: Bool)] = [
        (80, 24, false), (100, 30, false), (100, 30, true), (200, 60, false), (200, 60, true),
    ]

    @Test("the state stands whole in the panel's title, beside the step", arguments: 0..<sizes.count)
    func stateInTitle(size: Int) throws {
        let (width, height, big) = Self.sizes[size]
        for (status, words) in Self.states {
            let lines = screen(
                Self.frame(status), width: width, height: height, options: DashboardOptions(cores: 2, big: big))
            let title = try #require(
                lines.first { $0.contains("demo") && $0.contains("step 1/6: ") }, "\(lines.joined(separator: "\n"))")
            #expect(title.contains(" · \(words) "), "\(width)×\(height)\(big ? " --big" : ""): \(title)")
        }
    }

    @Test("with room the whole title shows; without, the lesson's title is shortened or left out, not the heading")
    func titleGivesWay() throws {
        let paused = Self.frame(.init(paused: true, secondsLeft: 3, speed: 1))
        let wide = screen(paused, width: 200, height: 60).joined(separator: "\n")
        #expect(
            wide.contains(
                "demo: Sync vs async in seven minutes: the classroom demo · step 1/6: Four baristas who wait · paused (space resumes) ─"
            ))
        let projector = screen(paused, width: 100, height: 30, options: DashboardOptions(cores: 2, big: true))
            .joined(separator: "\n")
        #expect(
            projector.contains(
                "demo: Sync vs async in seven minute… · step 1/6: Four baristas who wait · paused (space resumes) ┐"))
        let small = screen(paused, width: 80, height: 24).joined(separator: "\n")
        #expect(small.contains("demo · step 1/6: Four baristas who wait · paused (space resumes) ─"), "\(small)")
    }

    @Test("the keys line says space resumes the script while it is paused, and pauses it while it runs")
    func keysLine() {
        for (width, height, big) in Self.sizes {
            let options = DashboardOptions(cores: 2, big: big)
            let paused = screen(Self.frame(Self.states[1].status), width: width, height: height, options: options)
                .joined(separator: "\n")
            #expect(paused.contains("[space] resume script") && !paused.contains("pause script"), "\(width)×\(height)")
            let running = screen(Self.frame(Self.states[0].status), width: width, height: height, options: options)
                .joined(separator: "\n")
            #expect(
                running.contains("[space] pause script") && !running.contains("resume script"), "\(width)×\(height)")
        }
    }
}
