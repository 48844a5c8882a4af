import CafeModel
import Foundation
import TerminalUI
import TestSupport
import Testing

@testable import Dashboard

/// The screen tells the truth at every moment: for every sample situation (overload, walk-outs, a full door, mode
/// switches, CPU on shared cores, a saturated machine, idle, just reset, six-digit counters) and at every size, each
/// number the cafés hold is on screen (shortened is fine, dropped is not) and no sentence contradicts the state.
@Suite("The screen tells the truth", .onOwnThreads)
struct TruthTableTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    struct Picture {
        var lines: [String]
        var width: Int

        init(_ frame: ShowFrame, width: Int, height: Int) {
            lines = screen(frame, width: width, height: height)
            self.width = width
        }

        /// The rows of one café's box, cut to its half of the screen.
        func pane(_ cafe: CafeKind) -> String {
            guard let top = lines.firstIndex(where: { $0.hasPrefix("┌ SYNC") }),
                let bottom = lines[top...].firstIndex(where: { $0.hasPrefix("└") })
            else { return "" }
            return lines[top...bottom].map { line in
                let characters = Array(line)
                let half = width / 2
                let range =
                    cafe == .sync ? 0..<min(half, characters.count) : min(half, characters.count)..<characters.count
                return String(characters[range])
            }.joined(separator: "\n")
        }

        /// The theory block: from "theory" to the ticker.
        var theory: String {
            guard let start = lines.firstIndex(where: { $0.hasPrefix(" theory") }),
                let end = lines.firstIndex(where: { $0.hasPrefix(" ticker") })
            else { return "" }
            return lines[start...end].joined(separator: "\n")
        }

        func row(starting prefix: String) -> String { lines.first { $0.hasPrefix(prefix) } ?? "" }
        var text: String { lines.joined(separator: "\n") }

        /// The screen's words as running text: each row without its box edges, rows joined by a space, so words
        /// wrapped over two rows of the lesson panel read as one sentence.
        var flowing: String {
            lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
        }
    }

    /// True when `value` is shown in full (`1,204`) or shortened (`1.2k`).
    static func shows(_ value: Int, in text: String) -> Bool {
        text.contains(NumberText.count(value)) || text.contains(NumberText.compact(value))
    }

    /// True when the generator's not-sent count is on screen beside its glyph: `⊘ 3,169 not sent`, `⊘ 13.1k`,
    /// `⊘13.1k` (the number alone could be any other count).
    static func showsNotSent(_ value: Int, in text: String) -> Bool {
        let glyph = Glyphs.unicode.notSent
        return [NumberText.count(value), NumberText.compact(value)].contains { number in
            text.contains("\(glyph) \(number)") || text.contains("\(glyph)\(number)")
        }
    }

    @Test(
        "every number a café holds is on screen, in its own pane, at 80×24, 120×40 and 200×60",
        arguments: SampleFrames.all.map(\.name))
    func everyNumberShows(name: String) throws {
        let frame = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        for (width, height) in Self.sizes {
            let picture = Picture(frame, width: width, height: height)
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe), pane = picture.pane(cafe)
                let at = "\(name), \(cafe) pane at \(width)×\(height):\n\(pane)"
                #expect(Self.shows(state.served, in: pane), "cups served: \(at)")
                #expect(Self.shows(state.walkedOut, in: pane), "walk-outs: \(at)")
                if state.doorQueue > 0 { #expect(Self.shows(state.doorQueue, in: pane), "door: \(at)") }
                if state.goneAtDoor > 0 { #expect(Self.shows(state.goneAtDoor, in: pane), "gone at the door: \(at)") }
                if state.brewedForNobody > 0 {
                    #expect(Self.shows(state.brewedForNobody, in: pane), "for nobody: \(at)")
                }
                if let notSent = state.notSent {
                    #expect(Self.showsNotSent(notSent.count, in: pane), "not sent: \(at)")
                }
                if state.waitingForHelper > 0 {
                    #expect(Self.shows(state.waitingForHelper, in: pane), "back room: \(at)")
                }
                if state.doorJammed != nil { #expect(pane.contains("jammed"), "door jammed: \(at)") }
                if state.awaiting > 0 { #expect(Self.shows(state.awaiting, in: pane), "buzzers: \(at)") }
                if state.doorIsFull && state.connecting > 0 {
                    #expect(Self.shows(state.connecting, in: pane), "waiting outside: \(at)")
                }
            }
        }
    }

    @Test("no sentence contradicts the state", arguments: SampleFrames.all.map(\.name))
    func noContradiction(name: String) throws {
        let frame = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        let theory = frame.theory(cores: 2)
        for (width, height) in Self.sizes {
            let picture = Picture(frame, width: width, height: height)
            let at = "\(name) at \(width)×\(height):\n\(picture.text)"
            #expect(!picture.text.contains("waiting for the first cups"), "\(at)")
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe), pane = picture.pane(cafe)
                if state.served > 0 { #expect(!pane.contains("no cups yet"), "\(cafe): \(at)") }
                if state.doorQueue > 0 { #expect(!pane.contains("nobody waiting"), "\(cafe): \(at)") }
                if state.queued > 0 { #expect(!pane.contains("nobody queued"), "\(cafe): \(at)") }
                let line =
                    picture.theory.split(separator: "\n").first { $0.contains(cafe == .sync ? "sync  " : "async ") }
                    .map(String.init) ?? ""
                if state.doorIsFull || theory.growingQueue(of: cafe) != .door
                    || state.doorQueue == 0 && theory.queueGrowth(of: cafe) == 0
                {
                    #expect(!line.contains("door grows"), "\(cafe): \(line)\n\(at)")
                }
                if let little = state.little, case .notSteady = little.verdict {
                    let littleRow = picture.row(starting: " L=λ·W")
                    let part =
                        cafe == .sync
                        ? String(littleRow.split(separator: "async").first ?? "")
                        : String(littleRow.split(separator: "async").last ?? "")
                    #expect(!part.contains("✓"), "\(cafe) is not steady: \(littleRow)")
                }
            }
            if let machine = frame.machine, let limit = machine.limit {
                #expect(!picture.theory.contains("→ no limit"), "\(at)")
                switch limit {
                case .cafes:
                    #expect(
                        picture.theory.contains("the machine is the limit")
                            || picture.theory.contains("limit: the machine"), "\(at)")
                case .customers:
                    #expect(picture.theory.contains("customers"), "the customers named as the limit: \(at)")
                case .otherPrograms:
                    #expect(
                        picture.theory.contains("other programs") || picture.theory.contains("limit: others"), "\(at)")
                }
            } else {
                // The machine is the limit only when it is.
                for claim in [
                    "machine is the limit", "limit: the machine", "cores are full", "customers are the limit",
                    "limit: customers", "customers are the bottleneck", "cores are full",
                ] {
                    #expect(!picture.text.contains(claim), "\(claim): \(at)")
                }
            }
            if let lesson = frame.lesson {
                #expect(picture.text.contains("step \(lesson.step)/\(lesson.steps)"), "lesson step: \(at)")
                if case .revealed(let answer, let measured, _, _, _)? = lesson.prediction?.phase {
                    #expect(
                        measured == ""
                            || picture.text.contains(
                                "you said \(answer) · measured \(measured ?? "nothing in the window")"),
                        "the answer beside the figure: \(at)")
                }
                #expect(picture.text.contains("[n/b] steps"), "the lesson keys: \(at)")
            }
            if let trace = frame.ticker, frame.lesson == nil || height >= 30 {
                let ticker = picture.row(starting: " ticker")
                #expect(ticker.contains(trace.sync.text) || ticker.contains(trace.sync.shortText), "ticker: \(ticker)")
                #expect(
                    ticker.contains(trace.async.text) || ticker.contains(trace.async.shortText), "ticker: \(ticker)")
                if case .walkedOut = trace.sync { #expect(!ticker.contains("still"), "\(ticker)") }
            }
        }
    }

    /// True when a failure is named with its count: `3,523 timed out connecting`, `3.5k conn. timeout`.
    static func namesFailure(_ failure: ShowState.Failure, in text: String) -> Bool {
        let counts = [NumberText.count(failure.count), NumberText.compact(failure.count)]
        return counts.contains { count in [failure.words, failure.short].contains { text.contains("\(count) \($0)") } }
    }

    @Test(
        "every kind of failure is named with its count at 80×24, 120×40 and 200×60",
        arguments: SampleFrames.all.map(\.name))
    func everyFailureNamed(name: String) throws {
        let frame = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        for (width, height) in Self.sizes {
            let picture = Picture(frame, width: width, height: height)
            // Under 40 rows a pane may have too few rows to name them all: the lesson panel names them too.
            let text = height < 40 ? picture.flowing : nil
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe), pane = picture.pane(cafe)
                let at = "\(name), \(cafe) at \(width)×\(height):\n\(picture.text)"
                for failure in state.failures where failure.count > 0 {
                    #expect(
                        Self.namesFailure(failure, in: text ?? pane) || Self.namesFailure(failure, in: pane),
                        "\(failure.words) \(failure.count): \(at)")
                }
                if state.unseen4xx > 0 {
                    let unseen = ShowState.Failure(
                        "answered \(state.unseen4xxStatus ?? "4xx") to nobody", state.unseen4xx,
                        short: (state.unseen4xxStatus?.split(separator: " ").first.map(String.init) ?? "4xx")
                            + " to nobody")
                    let unread = ShowState.Failure(
                        unseen.words, state.unseen4xx, short: String(unseen.short.prefix(3)) + " unread")
                    #expect(
                        [unseen, unread].contains {
                            Self.namesFailure($0, in: text ?? pane) || Self.namesFailure($0, in: pane)
                        },
                        "4xx the café answered to nobody: \(at)")
                }
            }
        }
    }

    @Test(
        "a late figure is drawn as late, a reading barista says why, the cores never pass the machine",
        arguments: SampleFrames.all.map(\.name))
    func lateFiguresAndTheirCauses(name: String) throws {
        let frame = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        for (width, height) in Self.sizes {
            let picture = Picture(frame, width: width, height: height)
            let at = "\(name) at \(width)×\(height):\n\(picture.text)"
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe), pane = picture.pane(cafe)
                if state.statsAreLate, let age = state.statsAgeSeconds {
                    let seconds = Int(age.rounded(.down))
                    #expect(
                        pane.contains("stats \(seconds) s late") || pane.contains("stats \(seconds)s late"),
                        "\(cafe) stats \(seconds) s late: \(at)")
                } else {
                    #expect(!pane.contains("stats "), "\(cafe) stats on time: \(at)")
                }
            }
            if frame.customers.figuresAreLate {
                #expect(
                    picture.lines[1].contains("customers' figures \(Int(frame.customers.figuresAgeSeconds)) s late"),
                    "\(at)")
            }
            if frame.scenario.slowShare == 0 {
                #expect(!picture.text.contains("slow customer"), "no slow customer in the scene: \(at)")
                if frame.sync.readingBaristas > 0 && frame.customers.isBehind {
                    let sync = picture.pane(.sync)
                    #expect(sync.contains("behind") || sync.contains("s late)"), "the reading baristas' reason: \(at)")
                }
            }
            if let machine = frame.machine, !picture.row(starting: " cores").isEmpty {
                let row = picture.row(starting: " cores")
                let total = row.split(separator: "=").last.flatMap { Double($0.split(separator: " ").first ?? "") }
                #expect((total ?? 0) <= Double(machine.cores), "never more than the machine: \(row)")
                #expect(row.contains("of \(machine.cores)"), "\(row)")
                if let other = machine.other {
                    #expect(row.contains(NumberText.rate(other)), "everything else: \(row)")
                }
            }
        }
    }

    @Test("every sample at every size fills the terminal exactly: every row, none wider, a box for each café")
    func everySampleFillsTheTerminal() throws {
        var medium = SampleFrames.saturatedSync
        medium.sync.doorQueue = 178
        // With BARISTA_SCREENS=some/directory the screens checked here are also written there, one file each.
        let directory = ProcessInfo.processInfo.environment["BARISTA_SCREENS"]
        for (name, frame) in SampleFrames.all + [("medium", medium)] {
            for (width, height) in Self.sizes {
                let lines = screen(frame, width: width, height: height)
                let at = "\(name) at \(width)×\(height)"
                #expect(lines.count == height, "\(at): \(lines.count) rows")
                #expect(lines.allSatisfy { TextWidth.columns(of: $0) <= width }, "\(at): a row wider than the terminal")
                // The two boxes side by side, each titled with its side (café, outside server or late stats).
                let boxes = lines.first { $0.hasPrefix("┌ SYNC") } ?? ""
                #expect(boxes.contains("┐┌ ASYNC") && boxes.hasSuffix("┐"), "\(at): both cafés' boxes: \(boxes)")
                if let directory {
                    let file = "\(directory)/\(name.replacing(" ", with: "-"))-\(width)x\(height).txt"
                    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
                }
            }
        }
    }
}
