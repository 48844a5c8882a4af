import Foundation
import TestSupport
import Testing

/// The live show in a real pseudo-terminal (tmux): what a student sees, the keys, and every way out.
@Suite("barista, the live show, in a terminal", .serialized, .enabled(if: TmuxSession.isAvailable))
struct ShowTests {
    /// Starts the show on free ports and waits until both cafés have served customers.
    private func startShow(_ extra: [String] = []) throws -> (TmuxSession, show: Int32, cafes: [Int32]) {
        let session = try TmuxSession(
            [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0", "--rate", "20/s"] + extra)
        let screen = session.waitForScreen { $0.contains("SYNC café") && $0.contains("ASYNC café") && $0.contains("✓") }
        #expect(screen.contains("SYNC café"), "the show did not start: \(screen)")
        let shell = try #require(session.panePID)
        let show = try #require(childProcesses(of: shell).first, "barista runs inside the pane")
        let cafes = childProcesses(of: show)
        #expect(cafes.count == 2, "both cafés run as children of barista")
        return (session, show, cafes)
    }

    private func waitUntilGone(_ pids: [Int32], within limit: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while pids.contains(where: isAlive) && clock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !pids.contains(where: isAlive)
    }

    /// The number after "✓ " on the sync café's cups row.
    private func servedCount(_ screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("cups") && $0.contains("✓") }),
            let tick = line.range(of: "✓ ")
        else { return nil }
        return Int(line[tick.upperBound...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber))
    }

    @Test("both cafés fill with numbers that change; + raises the rate; q quits cleanly and leaves no café")
    func keysAndQuit() throws {
        let (session, _, cafes) = try startShow()
        let first = session.capture()
        #expect(first.contains("same 20 customers/s into both cafés"))
        #expect(first.contains("http://127.0.0.1:"))
        let firstServed = try #require(servedCount(first))
        let later = session.waitForScreen { (servedCount($0) ?? 0) > firstServed }
        #expect((servedCount(later) ?? 0) > firstServed, "the cups count grows")
        session.send("+")
        let faster = session.waitForScreen(containing: "same 30 customers/s")
        #expect(faster.contains("same 30 customers/s into both cafés"))
        session.send("?")
        #expect(session.waitForScreen(containing: "customers/s").contains("help") )
        session.send("Escape")
        session.send("q")
        #expect(session.exitStatus() == 0)
        #expect(waitUntilGone(cafes, within: .seconds(5)), "no café outlives the show")
        #expect(!session.capture().contains("SYNC café"), "the terminal is given back")
    }

    @Test("SIGTERM ends the show cleanly, cafés included")
    func sigterm() throws {
        let (session, show, cafes) = try startShow()
        kill(show, SIGTERM)
        #expect(session.exitStatus() == 0)
        #expect(waitUntilGone(cafes, within: .seconds(5)))
    }

    @Test("kill -9 of barista: the cafés die with it within 2 s")
    func killNine() throws {
        let (session, show, cafes) = try startShow()
        kill(show, SIGKILL)
        #expect(session.exitStatus() == 128 + SIGKILL)
        #expect(waitUntilGone(cafes, within: .seconds(2)), "parent-death signal ends the cafés")
    }

    @Test("a terminal below 80×24 is asked to grow")
    func tooSmall() throws {
        let session = try TmuxSession(
            [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0"], columns: 60, rows: 20)
        let screen = session.waitForScreen(containing: "80×24")
        #expect(screen.contains("80×24"))
        session.send("q")
        #expect(session.exitStatus() == 0)
    }
}
