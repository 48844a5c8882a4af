import CafeModel
import TerminalUI

/// The code panel for a real server (`--peers python`, `--peers django`): the view function read from the app file
/// that is running, and the counts the kernel's view of its processes can honestly give (`ShowState.insideView`):
/// workers in sleep or on a core at the brewing line, reading a request at the `def`, the loop stuck or waiting.
/// What nobody can see — how many customers hold a buzzer, who waits for a thread — is `?`, never 0.
extension CodeListing {
    static func outside(_ state: ShowState, scenario: Scenario, outside: OutsideView) -> CodeListing {
        let door = outside.doorIsUnknown ? ["door: ?"] : door(state)
        guard let source = outside.source, let function = source.function(for: scenario),
            let header = function.lines.first
        else {
            let name = outside.server ?? "a server given by URL"
            return CodeListing(source: "the code of \(name) cannot be read here", lines: [], footer: door)
        }
        let body = Array(function.lines.dropFirst())
        let inside = state.insideView
        let machine = machineIndex(body, cafe: state.cafe, function: function.name, scenario: scenario)
        var lines = [
            state.cafe == .sync
                ? readingLine(header.text, inside: inside, scenario: scenario) : CodeLine(header.text)
        ]
        if let machine {
            let above = machine > 0 ? body[machine - 1].text.drop { $0 == " " } : ""
            if above.hasPrefix("if ") || above.hasPrefix("elif ") || above.hasPrefix("else") {
                lines.append(CodeLine(body[machine - 1].text))
            }
            lines.append(machineLine(body[machine].text, state: state, scenario: scenario, function: function.name))
        }
        if let last = body.last, last.number != machine.map({ body[$0].number }) {
            lines.append(CodeLine(last.text))
        }
        let first = header.number, lastNumber = function.lines.last?.number ?? first
        return CodeListing(
            source: "\(source.file):\(first)-\(lastNumber), run by \(source.server)", lines: lines,
            footer: state.cafe == .sync ? workersFooter(inside, door: door) : kernelLoopFooter(inside, door: door),
            footerAlarm: stuckLoops(inside) > 0)
    }

    /// The line where the cup is made in this function: where the kernel sees a worker sleep or work.
    static func machineIndex(_ body: [ViewSource.Line], cafe: CafeKind, function: String, scenario: Scenario) -> Int? {
        let cpu = scenario.kind == .cpu
        let wanted: [String]
        if cafe == .sync {
            wanted = ["brew_blocking(", "time.sleep(", "spin("]
        } else if function == "brew_sync_orm" {
            wanted = ["Drink.objects.get("]
        } else if function == "brew_offload" || (function == "app" && scenario.asyncHandler == .offload) {
            wanted = [
                "await sync_to_async(", "await asyncio.get_running_loop().run_in_executor(", "await asyncio.to_thread(",
            ]
        } else if function == "brew_blocking" || (function == "app" && scenario.asyncHandler == .block) {
            wanted = cpu ? ["spin(", "brew_blocking("] : ["time.sleep(", "brew_blocking("]
        } else {
            wanted = cpu ? ["spin("] : ["await asyncio.sleep("]
        }
        for prefix in wanted {
            if let index = body.firstIndex(where: { $0.text.drop { $0 == " " }.hasPrefix(prefix) }) { return index }
        }
        return nil
    }

    /// gunicorn reads the whole request before it calls the view: a worker the kernel sees in `recv` is at the door
    /// of this function.
    static func readingLine(_ text: String, inside: InsideView?, scenario: Scenario) -> CodeLine {
        guard let inside else { return CodeLine(text) }
        let reading = InsideView.count(inside.workers, .reading)
        guard reading > 0 || scenario.slowShare > 0 else { return CodeLine(text) }
        return CodeLine(
            text, at: .known(reading), words: ["reading a request (kernel: in recv)", "reading"], mark: .reading)
    }

    static func machineLine(_ text: String, state: ShowState, scenario: Scenario, function: String) -> CodeLine {
        guard let inside = state.insideView else {
            return CodeLine(text, at: .unknown, words: ["nobody can see who is here"], mark: .none)
        }
        if state.cafe == .sync {
            // An io cup is a worker in sleep, a cpu cup one on a core; a worker on a core during an io brew is in
            // Django or gunicorn's own code, not at this line.
            let io = scenario.kind == .io
            let here = InsideView.count(inside.workers, io ? .sleeping : .working)
            let words = io ? "in sleep" : "on a core"
            return CodeLine(
                text, at: .known(here), words: ["workers here (kernel: \(words))", "workers here", "here"],
                mark: io ? .blocked : .busy)
        }
        let stuck = InsideView.count(inside.workers, scenario.kind == .io ? .sleeping : .working)
        let onLoop =
            function == "brew_blocking" || (function == "app" && scenario.asyncHandler == .block)
            || (scenario.kind == .cpu && scenario.asyncHandler != .offload)
        if onLoop {
            return CodeLine(
                text, at: .known(stuck),
                words: [
                    "BLOCKED: the loop is here (kernel: \(scenario.kind == .io ? "in sleep" : "on a core"))", "BLOCKED",
                ],
                mark: .stalled)
        }
        if function == "brew_offload" || scenario.asyncHandler == .offload {
            let threads = helperThreads(inside)
            let busy = threads.filter { $0.activity == .sleeping || $0.activity == .working }.count
            return CodeLine(
                text, at: .unknown,
                words: [
                    "awaiting: unseen (kernel: \(busy) of \(threads.count) threads in sleep or on a core)",
                    "awaiting: unseen, \(busy) threads busy", "unseen",
                ], mark: .helper)
        }
        return CodeLine(
            text, at: .unknown, words: ["awaiting: the kernel cannot tell how many", "awaiting: unseen", "unseen"],
            mark: .awaiting)
    }

    /// Threads of the loops' processes other than the loops themselves: the executor's, Django's per-request ones.
    static func helperThreads(_ inside: InsideView) -> [InsideView.Thread] {
        let processes = inside.processes.count > 1 ? Array(inside.processes.dropFirst()) : inside.processes
        return processes.flatMap { process in process.threads.filter { $0.tid != process.mainThread?.tid } }
    }

    /// Loops the kernel sees in sleep or on a core instead of waiting for events.
    static func stuckLoops(_ inside: InsideView?) -> Int {
        inside?.workers.filter { $0.activity == .sleeping || $0.activity == .working }.count ?? 0
    }

    /// "door: 23 not yet accepted · 1 waiting for customers".
    static func workersFooter(_ inside: InsideView?, door: [String]) -> [String] {
        guard let inside else { return door.map { $0 + " · workers unseen" } + door }
        let waiting = NumberText.compact(InsideView.count(inside.workers, .waitingForCustomers))
        return door.map { $0 + " · \(waiting) waiting for customers" } + door.map { $0 + " · \(waiting) free" } + door
    }

    /// "loop: BLOCKED · 31 at the door", "loop: waiting for customers · door: 0 not yet accepted".
    static func kernelLoopFooter(_ inside: InsideView?, door: [String]) -> [String] {
        guard let inside, !inside.workers.isEmpty else { return door.map { "loop unseen · " + $0 } + door }
        let loops = inside.workers
        let stuck = stuckLoops(inside)
        let which = loops.count > 1 ? "\(stuck) of \(loops.count) loops" : "loop"
        if stuck > 0 { return door.map { "\(which): BLOCKED · " + $0 } + ["BLOCKED · " + (door.last ?? "")] }
        let activity = loops.first?.activity
        let doing = activity?.words ?? "unseen"
        let short = activity == .waitingForCustomers ? "waits" : doing
        return door.map { "loop: \(doing) · " + $0 } + door.map { "loop: \(short) · " + $0 } + door
    }
}
