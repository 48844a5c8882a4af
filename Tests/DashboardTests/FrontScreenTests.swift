import CafeModel
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// nginx in front of the sync café on screen: named first in the title, drawn as what it is (its connections by
/// state, its static files) above the café's own door, and every number kept at every size.
@Suite("nginx in front of the sync café on screen", .onOwnThreads)
struct FrontScreenTests {
    static var frame: ShowFrame {
        var frame = SampleFrames.saturatedSync
        frame.scenario.syncProxy = .nginx
        frame.scenario.staticShare = 0.3
        frame.sync.front = FrontView(
            connections: .init(active: 31, reading: 7, writing: 24, waiting: 0, requests: 1_234), doorQueue: 0,
            staticFiles: .init(served: 4_321, servedPerSecond: 18, p50Ms: 1.2, p99Ms: 3.4))
        return frame
    }

    @Test("title, nginx's reading count, the static files and the café's door, at 80×24, 120×40 and 200×60")
    func nginxPane() {
        for (width, height) in TruthTableTests.sizes {
            let picture = TruthTableTests.Picture(Self.frame, width: width, height: height)
            let text = picture.text
            let at = "at \(width)×\(height):\n\(text)"
            #expect(text.contains("┌ nginx → sync café"), "\(at)")
            #expect(text.contains("reading 7") || text.contains("r7 w24"), "nginx's slow readers: \(at)")
            #expect(text.contains("3ms") || text.contains("3.4ms"), "the static files' p99: \(at)")
            #expect(text.contains("27 queued") || text.contains("door 27"), "the café's door is still drawn: \(at)")
        }
    }

    @Test("the theory says what nginx changes and what it does not")
    func theory() {
        let text = TruthTableTests.Picture(Self.frame, width: 200, height: 60).text
        #expect(text.contains("a slow order costs nginx a connection, not a barista"), "\(text)")
        #expect(text.contains("a slow brew still holds one"), "\(text)")
        #expect(text.contains("for 42/s of cups"), "60/s offered, 30 % static: \(text)")
    }
}
