import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// gunicorn and uvicorn seen from the kernel (`ShowState.insideView`): the bar draws what each worker does, and what
/// the kernel cannot tell (a loop's buzzers) is said, never drawn as 0.
@Suite("The kernel's view of a real server on screen", .onOwnThreads)
struct KernelBarScreenTests {
    static func thread(_ tid: Int32, _ activity: KernelActivity, _ wchan: String) -> InsideView.Thread {
        InsideView.Thread(
            tid: tid, name: "python", state: activity == .working ? "R" : "S", wchan: wchan, activity: activity)
    }

    static var frame: ShowFrame {
        var frame = SampleFrames.outsideView
        frame.sync.outsideView?.insideFromKernel = true
        frame.sync.insideView = InsideView(processes: [
            .init(pid: 100, name: "gunicorn", threads: [thread(100, .waitingForCustomers, "do_select")]),
            .init(pid: 101, name: "gunicorn", threads: [thread(101, .sleeping, "hrtimer_nanosleep")]),
            .init(pid: 102, name: "gunicorn", threads: [thread(102, .reading, "wait_woken")]),
            .init(pid: 103, name: "gunicorn", threads: [thread(103, .sleeping, "hrtimer_nanosleep")]),
            .init(pid: 104, name: "gunicorn", threads: [thread(104, .sleeping, "hrtimer_nanosleep")]),
        ])
        frame.async.outsideView = OutsideView(
            url: "http://127.0.0.1:43568/brew?ms=100&kind=io&mode=block", server: "uvicorn", doorFromKernel: true,
            insideFromKernel: true)
        frame.async.insideView = InsideView(processes: [
            .init(pid: 200, name: "python", threads: [thread(200, .sleeping, "hrtimer_nanosleep")])
        ])
        frame.asyncURL = "http://127.0.0.1:43568"
        return frame
    }

    @Test("gunicorn: 4 workers by what they do; uvicorn: BLOCKED in sleep, buzzers said unknown; at every size")
    func kernelBars() {
        for (width, height) in TruthTableTests.sizes {
            let picture = TruthTableTests.Picture(Self.frame, width: width, height: height)
            let sync = picture.pane(.sync)
            let async = picture.pane(.async)
            let at = "at \(width)×\(height):\n\(picture.text)"
            // Wrapped at 80 columns; whole where the pane is wide.
            let words = sync.split(whereSeparator: { " │\n".contains($0) }).joined(separator: " ")
            #expect(words.contains("4 workers: 3 blocked in sleep, 1 reading"), "\(at)")
            #expect(async.contains("[BLOCKED]") && async.contains("blocked in sleep"), "\(at)")
            #expect(async.contains("buzzers:") && !async.contains("0 awaiting"), "buzzers are not 0: \(at)")
            #expect(!sync.contains("bar unknown") && !sync.contains("unknown from outside"), "\(at)")
        }
    }

    @Test("uvicorn waiting in epoll is a loop waiting for customers, not BLOCKED")
    func waitingLoop() {
        var frame = Self.frame
        frame.async.insideView = InsideView(processes: [
            .init(pid: 200, name: "python", threads: [Self.thread(200, .waitingForCustomers, "ep_poll")])
        ])
        let async = TruthTableTests.Picture(frame, width: 200, height: 60).pane(.async)
        #expect(!async.contains("BLOCKED") && async.contains("waiting for customers"), "\(async)")
    }
}
