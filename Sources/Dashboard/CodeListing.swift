import CafeModel
import TerminalUI

/// The few lines of the Python view a café stands for, with the customers standing at each line now: what the code
/// panel draws in each pane (key `c`, a lesson's `code: show`). Built from the café's own `/stats` (through
/// `ShowState`) and the scene, never guessed: a count nobody can see is `.unknown` (drawn `?`), never 0.
struct CodeListing: Equatable {
    /// One line of code and who is at it.
    struct CodeLine: Equatable {
        /// The line as the student would write it, indented as in the view.
        var code: String
        /// The same line split in two (Python's own continuation inside brackets), for a narrow pane.
        var split: [String]?
        var at: Count?
        /// What the customers at this line are doing, longest first: "workers blocked", "blocked".
        var words: [String] = []
        var mark: Mark = .none

        init(_ code: String, split: [String]? = nil, at: Count? = nil, words: [String] = [], mark: Mark = .none) {
            self.code = code
            self.split = split
            self.at = at
            self.words = words
            self.mark = mark
        }
    }

    /// How many are at a line: a number the café reports, or one nobody can see.
    enum Count: Equatable {
        case known(Int)
        case unknown

        var text: String {
            switch self {
            case .known(let n): return NumberText.compact(n)
            case .unknown: return "?"
            }
        }

        var value: Int? {
            if case .known(let n) = self { return n }
            return nil
        }
    }

    /// What the customers at a line are doing, drawn with the pane's own glyph and colour for it.
    enum Mark: Equatable {
        case none, blocked, stalled, busy, reading, awaiting, helper
    }

    /// Where the code comes from: "as gunicorn's sync worker runs it (barista's café plays it)".
    var source: String
    var lines: [CodeLine]
    /// The state around the code, longest first: the door, the loop.
    var footer: [String]
    /// The footer is an alarm (a blocked loop), drawn as one.
    var footerAlarm = false

    /// The listing for one café pane.
    static func make(_ state: ShowState, scenario: Scenario) -> CodeListing {
        if let outside = state.outsideView, !outside.hasStats {
            return Self.outside(state, scenario: scenario, outside: outside)
        }
        return state.cafe == .sync ? sync(state, scenario: scenario) : async(state, scenario: scenario)
    }

    /// "0.1", "0.25", "2": the brew in seconds as Python code writes it.
    static func seconds(_ milliseconds: Int) -> String {
        if milliseconds % 1000 == 0 { return String(milliseconds / 1000) }
        var text = String(Double(milliseconds) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// "door 23 not yet accepted": the part of the door no barista has taken in (agrees with the door row, which
    /// counts the orders being read too).
    static func door(_ state: ShowState) -> [String] {
        let waiting = NumberText.compact(max(state.doorQueue - state.ordering, 0))
        return ["door: \(waiting) not yet accepted", "door: \(waiting) not in yet", "door \(waiting)"]
    }

    /// Who reads the order when some customers are slow: the line that takes the request.
    static func orderLine(_ header: String, count: Int, scene: Scenario, words: [String]) -> CodeLine {
        guard count > 0 || scene.slowShare > 0 else { return CodeLine(header) }
        return CodeLine(header, at: .known(count), words: words, mark: .reading)
    }

    static func sync(_ state: ShowState, scenario: Scenario) -> CodeListing {
        let brew = seconds(scenario.brewMilliseconds)
        let blocked = state.baristas.filter { $0.state == .blocked }.count
        let working = state.baristas.filter { $0.state == .running }.count
        let idle = state.baristas.filter { $0.state == .idle }.count
        let machine =
            scenario.kind == .io
            ? CodeLine(
                "    time.sleep(\(brew))", at: .known(blocked),
                words: [blocked == 1 ? "worker blocked here" : "workers blocked here", "blocked"], mark: .blocked)
            : CodeLine(
                "    spin(\(brew))", at: .known(working),
                words: [working == 1 ? "worker on a core" : "workers on a core", "working"], mark: .busy)
        let reading = orderLine(
            "def brew(request):", count: state.readingBaristas, scene: scenario,
            words: ["reading the order (slow customer)", "reading"])
        let free = "\(NumberText.compact(idle)) free"
        return CodeListing(
            source: "gunicorn's sync worker, played by barista's café",
            lines: [reading, machine, CodeLine("    return cup()")],
            footer: door(state).map { $0 + " \(Glyphs.unicode.separator) \(free)" } + door(state))
    }

    static func async(_ state: ShowState, scenario: Scenario) -> CodeListing {
        let brew = seconds(scenario.brewMilliseconds)
        let loops = state.loops
        let blocked = loops.filter(\.isBlocked).count
        let working = loops.filter { $0.state == .running }.count
        let cpu = scenario.kind == .cpu
        let machine: CodeLine
        switch (scenario.asyncHandler, cpu) {
        case (.await, false):
            let n = state.awaiting
            machine = CodeLine(
                "    await asyncio.sleep(\(brew))", at: .known(n), words: ["awaiting (buzzers)", "awaiting"],
                mark: .awaiting)
        case (.offload, _):
            let room = state.helpers
            let busy = room?.busy ?? 0, line = room?.waiting ?? 0
            let call = cpu ? "spin" : "time.sleep"
            let (withHelper, waiting) = (NumberText.compact(busy), NumberText.compact(line))
            machine = CodeLine(
                "    await asyncio.to_thread(\(call), \(brew))",
                split: ["    await asyncio.to_thread(", "        \(call), \(brew))"], at: .known(busy + line),
                words: [
                    "awaiting: \(withHelper) with a helper, \(waiting) waiting for one",
                    "awaiting (\(withHelper) with a helper, \(waiting) waiting)", "awaiting",
                ], mark: .helper)
        case (.block, false):
            machine = CodeLine(
                "    time.sleep(\(brew))", at: .known(blocked),
                words: [
                    loops.count > 1
                        ? "BLOCKED: \(blocked) of \(loops.count) loops stuck here" : "BLOCKED: the whole loop is here",
                    "BLOCKED",
                ], mark: .stalled)
        case (_, true):
            machine = CodeLine(
                "    spin(\(brew))", at: .known(working),
                words: [
                    loops.count > 1 ? "loops working here" : "the loop works here: nobody takes orders", "working",
                ],
                mark: .stalled)
        }
        let reading = orderLine(
            "async def brew(request):", count: state.ordering, scene: scenario,
            words: ["ordering (the loop reads them)", "ordering"])
        return CodeListing(
            source: "uvicorn's event loop, played by barista's café",
            lines: [reading, machine, CodeLine("    return cup()")],
            footer: backRoomFooter(state) + loopFooter(state), footerAlarm: blocked > 0)
    }

    /// "back room: 4 of 4 helpers busy, 368 waiting": the pane's bar may have no row left for it beside the code.
    static func backRoomFooter(_ state: ShowState) -> [String] {
        guard let room = state.helpers, blockedLoops(state) == 0 else { return [] }
        let busy = NumberText.compact(room.busy), threads = NumberText.compact(room.threads)
        let waiting = NumberText.compact(room.waiting)
        return [
            "back room: \(busy) of \(threads) helpers busy, \(waiting) waiting \(Glyphs.unicode.separator) "
                + "loop: taking orders",
            "back room: \(busy) of \(threads) helpers busy, \(waiting) waiting",
            "back room \(busy)/\(threads) busy, \(waiting) wait",
            "back \(busy)/\(threads) busy \(waiting) wait",
        ]
    }

    static func blockedLoops(_ state: ShowState) -> Int { state.loops.filter(\.isBlocked).count }

    /// "loop: BLOCKED · 31 at the door", "loop: taking orders · door: 0 not yet accepted".
    static func loopFooter(_ state: ShowState) -> [String] {
        let loops = state.loops
        let blocked = loops.filter(\.isBlocked).count
        let dot = " \(Glyphs.unicode.separator) "
        let queued = NumberText.compact(max(state.doorQueue - state.ordering, 0))
        let loop: String
        if loops.isEmpty {
            loop = "loop: opening"
        } else if blocked == 0 {
            loop = loops.count > 1 ? "\(loops.count) loops: taking orders" : "loop: taking orders"
        } else {
            loop = loops.count > 1 ? "\(blocked) of \(loops.count) loops BLOCKED" : "loop: BLOCKED"
        }
        if blocked > 0 {
            return [loop + dot + "\(queued) at the door", loop + dot + "door \(queued)"]
        }
        return door(state).map { loop + dot + $0 } + ["door \(queued)"]
    }
}
