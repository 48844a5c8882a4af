import Foundation
import TestSupport
import Testing

extension LiveShows {
    /// The live show in a real pseudo-terminal (tmux): what a student sees, the keys, and every way out.
    /// Without tmux each test fails at once with one line, "tmux is missing: apt-get install tmux" (`TmuxMissing`).
    @Suite("barista, the live show, in a terminal", .serialized)
    struct ShowTests {
        /// Starts the show on free ports and waits until both cafés have served customers.
        private func startShow(_ extra: [String] = []) async throws -> (TmuxSession, show: Int32, cafes: [Int32]) {
            let session = try TmuxSession(
                [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0", "--rate", "20/s"] + extra)
            let screen = await session.screen {
                $0.contains("SYNC café") && $0.contains("ASYNC café") && $0.contains("✓")
            }
            #expect(screen.contains("SYNC café"), "the show did not start: \(screen)")
            let shell = try #require(session.panePID)
            let show = try #require(childProcesses(of: shell).first, "barista runs inside the pane")
            let cafes = servingChildren(of: show)
            #expect(cafes.count == 2, "both cafés run as children of barista")
            return (session, show, cafes)
        }

        private func waitUntilGone(_ pids: [Int32], within limit: Duration) async -> Bool {
            await eventually(within: limit, every: .milliseconds(50)) { !pids.contains(where: isAlive) }
        }

        /// The number after "✓ " on the sync café's cups row.
        private func servedCount(_ screen: String) -> Int? {
            guard let line = screen.split(separator: "\n").first(where: { $0.contains("cups") && $0.contains("✓") }),
                let tick = line.range(of: "✓ ")
            else { return nil }
            return Int(line[tick.upperBound...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber))
        }

        /// The sync café's door on the screen: 0 for "nobody waiting", N for "N queued", nil if not drawn.
        private func syncDoor(_ screen: String) -> Int? {
            guard let row = screen.split(separator: "\n").first(where: { $0.contains("│ door ") }) else { return nil }
            // The left pane ends where the right one begins.
            let left = row.range(of: "││").map { row[..<$0.lowerBound] } ?? row
            if left.contains("nobody waiting") { return 0 }
            guard let queued = left.range(of: " queued") else {
                // A long door wraps: its count is on the pane's next row.
                let rows = screen.split(separator: "\n")
                guard let index = rows.firstIndex(of: row), index + 1 < rows.count else { return nil }
                return syncDoor(String(rows[index + 1]).replacingOccurrences(of: "│     ", with: "│ door "))
            }
            let digits = left[..<queued.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
            return Int(String(digits.reversed()).filter(\.isNumber))
        }

        @Test("without tmux, a terminal test fails with one line instead of timing out")
        func tmuxMissing() {
            #expect(TmuxSession.executable(searchPath: "/nonexistent:/also/not/here") == nil)
            #expect(TmuxMissing().description == "tmux is missing: apt-get install tmux")
        }

        @Test("x during overload empties the door, says so in the header, and keeps the URLs")
        func clearShop() async throws {
            // 20 customers a second against one barista at 2 s a cup: the sync door grows ~20 a second.
            let (session, show, cafes) = try await startShow(["--brew", "2000ms", "--workers", "1"])
            let crowded = await session.screen { (syncDoor($0) ?? 0) >= 20 }
            #expect((syncDoor(crowded) ?? 0) >= 20, "a backlog at the sync door: \(crowded)")
            let header = crowded.split(separator: "\n")[1]
            // The door closes first, so the backlog stays (one cup each 2 s) unless x empties it.
            session.send("Space")
            let paused = await session.screen(containing: "door closed")
            #expect((syncDoor(paused) ?? 0) >= 20)
            session.send("x")
            let cleared = await session.screen { $0.contains("shop cleared: ") && syncDoor($0) == 0 }
            #expect(cleared.contains("shop cleared: "), "the screen says what x did: \(cleared)")
            #expect(cleared.contains("sent home, counters zeroed"))
            #expect(syncDoor(cleared) == 0, "the door is empty")
            let syncURL = try #require(header.split(separator: " ").first { $0.hasPrefix("http://") })
            #expect(cleared.split(separator: "\n")[1].contains(syncURL), "the same URL after the clean slate")
            #expect(await waitUntilGone(cafes, within: .seconds(5)), "the old cafés are gone")
            #expect(servingChildren(of: show).count == 2, "two new cafés, children of the show")
            let later = await session.screen { !$0.contains("shop cleared: ") }
            #expect(!later.contains("shop cleared: "), "the notice goes after a few seconds")
            #expect(syncDoor(later) == 0, "and the door stays empty while it is closed")
            session.send("q")
            #expect(await session.exitStatus() == 0)
        }

        @Test(
            "q with every barista busy: the shell is back long before the cups are done, and no café outlives the show")
        func quickQuit() async throws {
            // Every customer's cup takes 20 s: baristas, buzzers and the door are all busy when q is pressed, and
            // a show that waited for a cup could not be back (nor its cafés gone) within half a brew, however busy
            // the machine.
            let brew = Duration.seconds(20)
            let (session, _, cafes) = try await startShow(["--brew", "20000ms"])
            // A line at the sync door means its four baristas are all at the machine.
            let busy = await session.screen { (syncDoor($0) ?? 0) > 0 }
            #expect((syncDoor(busy) ?? 0) > 0, "the sync baristas are busy: \(busy)")
            let clock = ContinuousClock()
            let pressed = clock.now
            session.send("q")
            let status = await session.exitStatus(timeout: .seconds(10))
            let took = pressed.duration(to: clock.now)
            #expect(status == 0)
            // The issue asks for 0.5 s; measured against the brew, not a fixed bound: the cafés used to finish
            // their cups before barista returned, which takes up to a whole brew.
            #expect(took < brew / 2, "q took \(took)")
            #expect(await waitUntilGone(cafes, within: .seconds(10)), "no café outlives the show")
        }

        @Test("both cafés fill with numbers that change; + raises the rate; q quits cleanly and leaves no café")
        func keysAndQuit() async throws {
            let (session, show, cafes) = try await startShow()
            let first = session.capture()
            #expect(first.contains("same 20 customers/s into both cafés"))
            #expect(first.contains("http://127.0.0.1:"))
            let firstServed = try #require(servedCount(first))
            let later = await session.screen { (servedCount($0) ?? 0) > firstServed }
            #expect((servedCount(later) ?? 0) > firstServed, "the cups count grows")
            session.send("+")
            let faster = await session.screen(containing: "same 30 customers/s")
            #expect(faster.contains("same 30 customers/s into both cafés"))
            session.send("?")
            #expect(await session.screen(containing: "customers/s").contains("help"))
            session.send("Escape")
            let guards = childProcesses(of: show).filter { commandLine(of: $0).contains("terminal-guard") }
            session.send("q")
            #expect(await session.exitStatus() == 0)
            #expect(
                await waitUntilGone(cafes + guards, within: .seconds(5)),
                "no café (nor the terminal guard) outlives the show")
            #expect(!session.capture().contains("SYNC café"), "the terminal is given back")
        }

        @Test("SIGTERM ends the show cleanly, cafés included")
        func sigterm() async throws {
            let (session, show, cafes) = try await startShow()
            kill(show, SIGTERM)
            #expect(await session.exitStatus() == 0)
            #expect(await waitUntilGone(cafes, within: .seconds(5)))
        }

        @Test("kill -9 of barista: the cafés die with it, and the terminal is given back")
        func killNine() async throws {
            let (session, show, cafes) = try await startShow()
            let tty = session.display("#{pane_tty}")
            #expect(session.display("#{alternate_on} #{cursor_flag}") == "1 0", "the show is on the alternate screen")
            #expect(Self.stty(tty).contains("-icanon"), "the show reads keys one by one")
            let guards = childProcesses(of: show).filter { commandLine(of: $0).contains("terminal-guard") }
            #expect(guards.count == 1, "the show has a terminal guard")
            kill(show, SIGKILL)
            #expect(await session.exitStatus() == 128 + SIGKILL)
            // A café the signal missed would live on for ever: 10 s only stops a hang.
            #expect(await waitUntilGone(cafes, within: .seconds(10)), "parent-death signal ends the cafés")
            // The pane's shell is waiting out its last seconds: the terminal is as it was before the show.
            #expect(session.display("#{alternate_on} #{cursor_flag}") == "0 1", "the normal screen, the cursor shown")
            let settings = Self.stty(tty).split(separator: " ")
            #expect(settings.contains("icanon") && settings.contains("echo"), "the shell's line editing: \(settings)")
            #expect(await waitUntilGone(guards, within: .seconds(10)), "the guard outlives the show only by a moment")
        }

        /// The pane's tty settings, as `stty -a` prints them.
        static func stty(_ tty: String) -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/stty")
            process.arguments = ["-F", tty, "-a"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return "" }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ";", with: " ")
        }

        @Test("a terminal below 80×24 is asked to grow")
        func tooSmall() async throws {
            let session = try TmuxSession(
                [BaristaBinary.url.path, "--sync-port", "0", "--async-port", "0"], columns: 60, rows: 20)
            let screen = await session.screen(containing: "80×24")
            #expect(screen.contains("80×24"))
            session.send("q")
            #expect(await session.exitStatus() == 0)
        }
    }
}
