import CafeHTTP
import CafeModel
import TestSupport
import Testing

@Suite("Closing time, in words and in /stats", .onOwnThreads)
struct ClosingTimeWordsTests {
    @Test("the one log line says how many cups are in progress and how long they may take")
    func line() {
        #expect(ClosingTime.line(cups: 12, grace: .seconds(30)) == "closing: 12 cups in progress, waiting up to 30 s")
        #expect(
            ClosingTime.line(cups: 1, grace: .milliseconds(1500)) == "closing: 1 cup in progress, waiting up to 1.5 s")
        #expect(
            ClosingTime.line(cups: 3, grace: .milliseconds(250)) == "closing: 3 cups in progress, waiting up to 250 ms")
        #expect(ClosingTime.line(cups: 0, grace: .seconds(30)) == "closing: no cups in progress")
    }

    @Test("open, closing, then the grace over: what the cafés ask and what /stats shows")
    func states() {
        let closing = ClosingTime()
        #expect(!closing.isClosing && !closing.graceIsOver && closing.stats == nil)
        #expect(closing.begin(grace: .seconds(30), cupsInProgress: 2, log: nil))
        #expect(!closing.begin(grace: .seconds(1), cupsInProgress: 0, log: nil), "closing begins once")
        #expect(closing.isClosing && !closing.graceIsOver)
        #expect(closing.stats?.graceMs == 30_000 && (closing.stats?.leftMs ?? 0) > 29_000)
        closing.endGrace()
        #expect(closing.graceIsOver && closing.stats?.leftMs == 0)
    }
}
