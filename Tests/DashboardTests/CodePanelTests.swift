import CafeModel
import Foundation
import TerminalUI
import Testing

@testable import Dashboard

/// The code panel (key `c`): each café's view, and beside each line the customers at it now. Every count is the
/// café's own (`ShowState`), and the same number the pane beside it shows, at 80×24 and 200×60.
@Suite("The code panel beside the cafés")
struct CodePanelTests {
    static let sizes = [(80, 24), (200, 60)]

    /// The code part of one pane: its rows from the first line of code to the box's bottom edge.
    struct CodeRows {
        var rows: [String]
        var pane: String

        init(_ frame: ShowFrame, _ cafe: CafeKind, width: Int, height: Int) {
            var shown = frame
            shown.scenario.showCode = true
            pane = TruthTableTests.Picture(shown, width: width, height: height).pane(cafe)
            let lines = pane.split(separator: "\n").map(String.init)
            // The first line of code: a narrow pane with few rows starts at the line where the customers are.
            let markers = ["def brew(request):", "await asyncio", "time.sleep(", "spin("]
            let start = lines.firstIndex { line in markers.contains { line.contains($0) } } ?? lines.count
            rows = Array(lines[start..<max(lines.count - 1, start)])
        }

        /// The row holding `code` (the first half of a line split in two).
        func row(_ code: String) -> String { rows.first { $0.contains(code) } ?? "" }
        var text: String { rows.joined(separator: "\n") }

        /// The numbers on a row, in order.
        static func numbers(_ row: String) -> [String] {
            row.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "k") }).map(String.init)
                .filter { $0.first?.isNumber == true }
        }

        /// True when `value` is the first number written on the row (in the gutter or beside the code), after the
        /// numbers the code itself holds (`0.1`).
        func count(_ value: Int, on code: String) -> Bool {
            let row = row(code)
            guard let codeEnd = row.range(of: code)?.upperBound else { return false }
            let gutter = Self.numbers(String(row[..<row.range(of: code)!.lowerBound]))
            // The note stands two spaces after the line (a split line's first half has none beside it).
            let after = row[codeEnd...]
            let beside = after.range(of: "  ").map { Self.numbers(String(after[$0.upperBound...])) } ?? []
            return (gutter + beside).first == NumberText.compact(value)
        }
    }

    static func picture(_ frame: ShowFrame, _ cafe: CafeKind, _ size: (Int, Int)) -> CodeRows {
        CodeRows(frame, cafe, width: size.0, height: size.1)
    }

    @Test("await: the sync sleep line holds the blocked baristas, the await line the buzzers, as the bars say")
    func awaitMode() {
        let frame = SampleFrames.saturatedSync
        let blocked = frame.sync.baristas.filter { $0.state == .blocked }.count
        for size in Self.sizes {
            let sync = Self.picture(frame, .sync, size), async = Self.picture(frame, .async, size)
            let at = "at \(size):\n\(sync.pane)\n\(async.pane)"
            #expect(blocked > 0 && sync.count(blocked, on: "time.sleep(0.1)"), "\(at)")
            #expect(sync.pane.contains("\(blocked) blocked"), "the bar agrees: \(at)")
            let awaiting = frame.async.awaiting
            #expect(awaiting > 0 && async.count(awaiting, on: "await asyncio.sleep(0.1)"), "\(at)")
            #expect(async.pane.contains("\(frame.async.awaiting) awaiting"), "the bar agrees: \(at)")
            let door = NumberText.compact(frame.sync.doorQueue)
            #expect(sync.text.contains("door: \(door) not") || sync.text.contains("door \(door)"), "\(at)")
            #expect(async.text.contains("taking orders"), "\(at)")
        }
    }

    @Test("block: the async line is time.sleep with the blocked loop on it, BLOCKED, and the door's count")
    func blockMode() {
        let frame = SampleFrames.asyncBlocked
        for size in Self.sizes {
            let async = Self.picture(frame, .async, size)
            let at = "at \(size):\n\(async.pane)"
            #expect(async.count(1, on: "time.sleep(0.1)"), "\(at)")
            #expect(async.row("await").isEmpty, "no await line while blocking: \(at)")
            #expect(async.text.contains("BLOCKED"), "\(at)")
            #expect(async.pane.contains("[BLOCKED]"), "the bar agrees: \(at)")
            #expect(TruthTableTests.shows(frame.async.doorQueue, in: async.text), "the door: \(at)")
            #expect(async.pane.contains("\(frame.async.doorQueue) queued"), "the door row agrees: \(at)")
        }
    }

    @Test("offload: the to_thread line holds every customer of the back room: with a helper and waiting for one")
    func offloadMode() {
        let frame = SampleFrames.offload
        let room = frame.async.helpers!
        for size in Self.sizes {
            let async = Self.picture(frame, .async, size)
            let at = "at \(size):\n\(async.pane)"
            #expect(async.count(room.busy + room.waiting, on: "await asyncio.to_thread("), "\(at)")
            #expect(TruthTableTests.shows(room.waiting, in: async.text), "the back room's line: \(at)")
            #expect(
                async.text.contains("\(room.busy)/\(room.threads) busy")
                    || async.text.contains("\(room.busy) of \(room.threads)"), "\(at)")
            if size.0 >= 200 {
                #expect(async.text.contains("awaiting (\(room.busy) with a helper, \(room.waiting) waiting)"), "\(at)")
            }
        }
    }

    @Test("cpu: the sync spin line holds the baristas working, the async one the loop, which takes no orders")
    func cpuMode() {
        let frame = SampleFrames.cpuShared
        let working = frame.sync.baristas.filter { $0.state == .running }.count
        for size in Self.sizes {
            let sync = Self.picture(frame, .sync, size), async = Self.picture(frame, .async, size)
            let at = "at \(size):\n\(sync.pane)\n\(async.pane)"
            #expect(working > 0 && sync.count(working, on: "spin(0.1)"), "\(at)")
            #expect(sync.row("time.sleep").isEmpty, "\(at)")
            #expect(async.count(1, on: "spin(0.1)"), "\(at)")
            #expect(async.text.contains("BLOCKED"), "a loop at work takes no orders: \(at)")
        }
    }

    @Test("slow customers: the baristas reading and the orders the loop reads stand at the line taking the request")
    func slowCustomers() {
        let frame = SampleFrames.slowCustomers
        for size in Self.sizes {
            let sync = Self.picture(frame, .sync, size), async = Self.picture(frame, .async, size)
            let at = "at \(size):\n\(sync.pane)\n\(async.pane)"
            #expect(sync.count(frame.sync.readingBaristas, on: "def brew(request):"), "\(at)")
            #expect(sync.count(0, on: "time.sleep(0.1)"), "nobody brews while all four read: \(at)")
            let ordering = frame.async.ordering
            #expect(ordering > 0 && async.count(ordering, on: "async def brew(request):"), "\(at)")
            #expect(async.count(frame.async.awaiting, on: "await asyncio.sleep(0.1)"), "\(at)")
            // The door row counts the orders being read too: the code's two figures add up to it.
            let notIn = frame.async.doorQueue - frame.async.ordering
            #expect(async.text.contains("door: \(notIn) not") || async.text.contains("door \(notIn)"), "\(at)")
        }
    }

    @Test("the panel works in ASCII and without colour; hidden, the queue chart is back")
    func asciiAndHidden() {
        let options = DashboardOptions(ascii: true, noColor: true)
        var frame = SampleFrames.saturatedSync
        frame.scenario.showCode = true
        for (width, height) in Self.sizes {
            let model = DashboardModel(frame: frame, width: width, height: height, options: options)
            let text = DashboardView.render(model).text
            #expect(text.allSatisfy { $0.isASCII }, "\(text)")
            #expect(text.contains("await asyncio.sleep(0.1)") && !text.contains("queue "), "\(text)")
        }
        frame.scenario.showCode = false
        let hidden = DashboardView.render(DashboardModel(frame: frame, width: 80, height: 24)).text
        #expect(!hidden.contains("def brew") && hidden.contains("queue"), "\(hidden)")
    }

    @Test("the projector layout (--big, 100×30) shows the code under its figures, with the same counts")
    func big() {
        var frame = SampleFrames.asyncBlocked
        frame.scenario.showCode = true
        let model = DashboardModel(frame: frame, width: 100, height: 30, options: .init(big: true))
        let text = DashboardView.render(model).text
        let rows = text.split(separator: "\n").map(String.init)
        let sleeps = rows.filter { $0.contains("time.sleep(0.1)") }
        let blocked = frame.sync.baristas.filter { $0.state == .blocked }.count
        #expect(
            sleeps.count == 1 && sleeps[0].contains("\(blocked) blocked") && sleeps[0].contains("1 BLOCKED"),
            "the sync café's 2 blocked baristas and the async café's blocked loop: \(text)")
        #expect(text.contains("\(blocked)/4 baristas at the machine"), "the figure above agrees: \(text)")
        #expect(text.contains("BLOCKED") && text.contains("cups per second"), "\(text)")
    }

    @Test("c toggles the panel as an action the show applies; a lesson's code: show is the same action")
    func key() {
        var model = DashboardModel(frame: SampleFrames.saturatedSync, width: 80, height: 24)
        #expect(model.update(.key(.character("c"))) == [.apply(.toggleCode)])
        #expect(model.frame.scenario.showCode)
        #expect(DashboardView.render(model).text.contains("def brew(request):"))
        #expect(Scenario().applying(.setCode(true)).showCode && !ShowAction.toggleCode.changesScenario)
    }
}

/// The code panel for the real servers of `--peers python`: the view read from the app file that runs, the counts
/// the kernel gives, `?` for what nobody can see.
@Suite("The code panel beside gunicorn and uvicorn")
struct PeerCodePanelTests {
    /// `Lessons/python/NAME`'s function `app`, as the Runner reads it.
    static func source(_ file: String, server: String) throws -> ViewSource {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Lessons/python/" + file), encoding: .utf8)
        return ViewSource(
            file: "Lessons/python/" + file, server: server, functions: ViewSource.functions(in: text, named: ["app"]))
    }

    static func frame(_ handler: HandlerMode) throws -> ShowFrame {
        var frame = KernelBarScreenTests.frame
        frame.scenario.asyncHandler = handler
        frame.sync.outsideView?.source = try source("wsgi_app.py", server: "gunicorn's sync workers")
        frame.async.outsideView?.source = try source("asgi_app.py", server: "uvicorn's event loop")
        frame.scenario.showCode = true
        return frame
    }

    static func pane(_ frame: ShowFrame, _ cafe: CafeKind, _ size: (Int, Int)) -> String {
        TruthTableTests.Picture(frame, width: size.0, height: size.1).pane(cafe)
    }

    @Test("gunicorn: the workers the kernel sees in sleep at brew_blocking, the one reading at def app, as the bar")
    func gunicorn() throws {
        let frame = try Self.frame(.await)
        for size in CodePanelTests.sizes {
            let pane = Self.pane(frame, .sync, size)
            let rows = pane.split(separator: "\n").map(String.init)
            let brew = rows.first { $0.contains("brew_blocking(ms, kind)") } ?? ""
            let header = rows.first { $0.contains("def app(") } ?? ""
            #expect(brew.contains(" 3■") || brew.contains("3 workers here"), "3 in sleep at the brew: \(pane)")
            #expect(header.contains(" 1◌") || header.contains("1 reading"), "1 reading at def app: \(pane)")
            let words = pane.split(whereSeparator: { " │\n".contains($0) }).joined(separator: " ")
            #expect(
                words.contains("3 blocked in sleep, 1 reading") || words.contains("3 sleep 1 read"),
                "the bar agrees: \(pane)")
            #expect(pane.contains("wsgi_app.py") || size.0 < 200, "the file is named: \(pane)")
        }
    }

    @Test("uvicorn: await is ? (never 0); block puts the loop the kernel sees in sleep at brew_blocking, BLOCKED")
    func uvicorn() throws {
        for size in CodePanelTests.sizes {
            let awaiting = Self.pane(try Self.frame(.await), .async, size)
            let line = awaiting.split(separator: "\n").first { $0.contains("await asyncio.sleep(") } ?? ""
            #expect(line.contains("?") && !line.contains(" 0"), "the buzzers are unseen, not 0: \(awaiting)")
            let blocked = Self.pane(try Self.frame(.block), .async, size)
            let stuck = blocked.split(separator: "\n").first { $0.contains("  brew_blocking(ms, kind)") } ?? ""
            #expect(stuck.contains(" 1■") || stuck.contains("1 BLOCKED"), "\(blocked)")
            #expect(blocked.contains("BLOCKED"), "\(blocked)")
        }
    }

    @Test("a server given by URL: the panel says its code cannot be read, and shows no count")
    func urlServer() {
        var frame = SampleFrames.outsideView
        frame.scenario.showCode = true
        let pane = Self.pane(frame, .sync, (200, 60))
        #expect(pane.contains("cannot be read here"), "\(pane)")
    }
}

/// With the code shown, the panes keep every number they held without it (the truth table's checks, code on).
@Suite("The screen with the code panel tells the truth")
struct CodePanelTruthTests {
    @Test("every number a café holds is on screen with the code shown", arguments: SampleFrames.all.map(\.name))
    func everyNumberShows(name: String) throws {
        var frame = try #require(SampleFrames.all.first { $0.name == name }?.frame)
        frame.scenario.showCode = true
        for (width, height) in TruthTableTests.sizes {
            let picture = TruthTableTests.Picture(frame, width: width, height: height)
            for cafe in CafeKind.allCases {
                let state = frame.state(of: cafe), pane = picture.pane(cafe)
                let at = "\(name), \(cafe) pane at \(width)×\(height):\n\(pane)"
                func shows(_ value: Int) -> Bool { TruthTableTests.shows(value, in: pane) }
                #expect(
                    ["code ", "def ", "sleep(", "spin(", "to_thread("].contains { pane.contains($0) },
                    "the code is shown: \(at)")
                #expect(shows(state.served), "cups served: \(at)")
                #expect(shows(state.walkedOut), "walk-outs: \(at)")
                if state.doorQueue > 0 { #expect(shows(state.doorQueue), "door: \(at)") }
                if state.goneAtDoor > 0 { #expect(shows(state.goneAtDoor), "gone at the door: \(at)") }
                if state.brewedForNobody > 0 { #expect(shows(state.brewedForNobody), "for nobody: \(at)") }
                if let notSent = state.notSent {
                    #expect(TruthTableTests.showsNotSent(notSent.count, in: pane), "not sent: \(at)")
                }
                if state.waitingForHelper > 0 { #expect(shows(state.waitingForHelper), "back room: \(at)") }
                if state.doorJammed != nil { #expect(pane.contains("jammed"), "door jammed: \(at)") }
                if state.awaiting > 0 { #expect(shows(state.awaiting), "buzzers: \(at)") }
                if state.doorIsFull && state.connecting > 0 { #expect(shows(state.connecting), "outside: \(at)") }
            }
        }
    }
}
