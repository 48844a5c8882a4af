import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// A server barista cannot look inside (`--sync-url`, `--peers python`): the title says "outside" with its address,
/// the rows nobody can see say "unknown", and the door read from the kernel is drawn as the door.
@Suite("Outside view on screen", .onOwnThreads)
struct OutsideViewScreenTests {
    @Test("the title names the outside server's address and the unknown rows say so, at 80×24, 120×40 and 200×60")
    func outsidePanes() {
        let frame = SampleFrames.outsideView
        for (width, height) in TruthTableTests.sizes {
            let picture = TruthTableTests.Picture(frame, width: width, height: height)
            let sync = picture.pane(.sync), async = picture.pane(.async)
            let at = "at \(width)×\(height):\n\(picture.text)"
            // A server barista started is named (the command, or at 80 columns its program); one given by URL is
            // "outside".
            let syncTitle = sync.split(separator: "\n").first ?? ""
            #expect(syncTitle.contains("127.0.0.1:43567") && syncTitle.contains("gunicorn"), "sync title: \(at)")
            let asyncTitle = async.split(separator: "\n").first ?? ""
            #expect(asyncTitle.contains("10.0.0.7:8000") && asyncTitle.contains("outside"), "async title: \(at)")
            #expect(sync.contains("unknown"), "the bar is unknown: \(at)")
            #expect(sync.contains("27 queued"), "gunicorn's door from the kernel: \(at)")
            #expect(
                !sync.contains("blocked at the machine") && !async.contains("taking orders"), "no made-up bar: \(at)")
            let doorRow = async.split(separator: "\n").first { $0.contains("door") } ?? ""
            #expect(doorRow.contains("unknown"), "a door on another machine is unknown, not empty: \(at)")
            // Another machine's CPU is not this one's: "?", never 0.0, and the total says it is missing.
            let cores = picture.text.split(separator: "\n").first { $0.contains("cores") } ?? ""
            #expect(cores.contains("async ?") || cores.contains("async café ?"), "cores row: \(cores)")
            #expect(cores.contains("+? of 2"), "cores row: \(cores)")
        }
    }

    @Test(
        "a server barista started: the bar row counts its processes and threads from the kernel, names the exception its log raised, and the title keeps the command"
    )
    func kernelView() {
        var frame = SampleFrames.outsideView
        frame.sync.outsideView?.server = "gunicorn cafe.wsgi -w 4"
        frame.sync.outsideView?.kernel = KernelProcesses(processes: 5, threads: 5)
        frame.async.outsideView = OutsideView(
            url: "http://127.0.0.1:41234/async/brew_sync_orm?ms=100&kind=io", server: "uvicorn cafe.asgi:application",
            doorFromKernel: true)
        frame.async.outsideView?.kernel = KernelProcesses(processes: 1, threads: 1234)
        frame.async.outsideView?.lastException = "SynchronousOnlyOperation"
        for (width, height) in TruthTableTests.sizes {
            let picture = TruthTableTests.Picture(frame, width: width, height: height)
            let sync = picture.pane(.sync), async = picture.pane(.async)
            let at = "at \(width)×\(height):\n\(picture.text)"
            #expect(
                sync.contains("5 processes, 5 threads") || sync.contains("5 proc, 5 threads") || sync.contains("5p 5t"),
                "\(at)")
            #expect(async.contains("1,234 threads") || async.contains("1,234t"), "never dropped, grouped: \(at)")
            let title = picture.text.split(separator: "\n").first { $0.hasPrefix("┌ SYNC") } ?? ""
            // The address is what a narrow title keeps; the command is then in the pane.
            if width >= 120 {
                #expect(title.contains("gunicorn cafe.wsgi -w 4"), "the command as typed in the title: \(at)")
            }
            #expect(sync.contains("gunicorn cafe.wsgi -w 4"), "the command as typed, in the pane: \(at)")
            if height >= 40 {
                #expect(async.contains("SynchronousOnlyOperation"), "the exception is named: \(at)")
            }
        }
    }

    @Test("try: curl offers what the outside server is really asked for")
    func curlHint() {
        let header = screen(SampleFrames.outsideView, width: 200, height: 60)[1]
        #expect(header.contains("try: curl http://127.0.0.1:43567/brew?ms=100&kind=io"), "\(header)")
        var ownPath = SampleFrames.outsideView
        ownPath.sync.outsideView?.url = "http://127.0.0.1:18777/"
        #expect(screen(ownPath, width: 200, height: 60)[1].contains("try: curl http://127.0.0.1:18777/"))
        #expect(!screen(ownPath, width: 200, height: 60)[1].contains("18777/brew"))
    }

    @Test("the long title lists what is unknown when it fits")
    func longTitle() {
        let lines = screen(SampleFrames.outsideView, width: 200, height: 60)
        let title = lines.first { $0.hasPrefix("┌ SYNC") } ?? ""
        #expect(
            title.contains("gunicorn -w 4 (sync workers) · outside view: http://127.0.0.1:43567 · bar unknown"),
            "\(title)")
        #expect(title.contains("outside view: http://10.0.0.7:8000 · door, bar unknown"), "\(title)")
    }
}
