import CafeModel

/// The lesson panel's words when no lesson runs: the one thing worth watching in the cafés right now, with the
/// numbers that prove it. The first situation that holds wins: a closed door, a dead café, customers the generator
/// cannot send, a full door, orders left over from the scene before, walk-outs and cups brewed for nobody, a full
/// machine, then the scene's lesson.
struct WhatToWatch {
    var frame: ShowFrame
    var cores: Int

    /// Name every way customers got no cup before anything else: on a short screen each pane has one row for its
    /// cups, too few to name them all.
    var failuresFirst = false

    var text: String {
        guard failuresFirst, let noCup else { return situation }
        return noCup + " " + situation
    }

    /// "No cup — sync: 3,523 timed out connecting, 1,457 refused; async: 41 answered 408 Request Timeout to nobody."
    var noCup: String? {
        let parts = CafeKind.allCases.compactMap { cafe -> String? in
            let state = frame.state(of: cafe)
            var kinds = state.failures.filter { $0.count > 0 }.map { "\(count($0.count)) \($0.words)" }
            if state.unseen4xx > 0 {
                kinds.append("\(count(state.unseen4xx)) answered \(state.unseen4xxStatus ?? "4xx") to nobody")
            }
            return kinds.isEmpty ? nil : "\(cafe.rawValue): " + kinds.joined(separator: ", ")
        }
        return parts.isEmpty ? nil : "No cup \u{2014} " + parts.joined(separator: "; ") + "."
    }

    private var situation: String {
        let sentences: [String?] = [
            paused, down, customersBehind, notSent, fullDoor, leftovers, backRoomLeftovers, walkOuts, machine, scene,
        ]
        return sentences.lazy.compactMap { $0 }.first ?? calm
    }

    private var theory: Theory { frame.theory(cores: cores) }
    private var scenario: Scenario { frame.scenario }
    private func count(_ n: Int) -> String { NumberText.count(n) }
    private func rate(_ r: Double) -> String { NumberText.shortRate(r) }

    private var paused: String? {
        guard scenario.paused else { return nil }
        let inside = frame.sync.inShop + frame.async.inShop
        return "The door is closed: no new customers. "
            + (inside > 0
                ? "The \(count(inside)) still inside are served or walk out. " : "")
            + "Press space to let customers in again."
    }

    private var down: String? {
        guard frame.sync.serverDown != nil || frame.async.serverDown != nil else { return nil }
        return "A café has stopped; its last words are in its pane. Press q to end the show."
    }

    /// The customers themselves are the bottleneck: the load generator is behind its timetable or its figures (or
    /// the cafés' `/stats`) come late, so what the panes show is the generator's limit, not the cafés'.
    private var customersBehind: String? {
        let late = LateFigures(frame: frame)
        let clock = frame.customers
        guard late.sentence != nil || clock.isBehind && frame.machine?.limit != nil else { return nil }
        var text = ""
        if let machine = frame.machine, machine.limit == .customers {
            text =
                "The customers are the bottleneck: the load generator needs \(NumberText.rate(machine.show)) of "
                + "\(NumberText.plural(machine.cores, "core")) and the cafés get what is left. "
        } else if let machine = frame.machine, machine.limit == .otherPrograms, let other = machine.other {
            text =
                "Other programs use \(NumberText.rate(other)) of this machine's \(NumberText.plural(machine.cores, "core")): "
                + "the cafés and their customers get what is left. "
        } else if let machine = frame.machine, machine.isSaturated {
            text = "This machine's \(NumberText.plural(machine.cores, "core")) are full. "
        }
        if clock.isBehind {
            text +=
                "The customers start \(NumberText.milliseconds(clock.behindMs)) behind their timetable and write their "
                + "orders late: a barista \"reading\" waits for an order still on its way, though no customer here is slow. "
        }
        if let sentence = late.sentence {
            text += "Figures come late (\(sentence)): a late pane shows what was true then, not now. "
        }
        let limit = MachineLoad.truthfulRate(cores: frame.machine?.cores ?? cores)
        if frame.offeredRate > limit {
            text +=
                "On \(NumberText.plural(frame.machine?.cores ?? cores, "core")) the show stays truthful up to about "
                + "\(rate(limit)) customers/s: press - to come back under it."
        }
        return text.isEmpty ? nil : text
    }

    /// The generator itself is short (its in-flight limit, descriptors, ports) while it happens: said of the
    /// generator, since both cafés get the same customers, with what to do about it.
    private var notSent: String? {
        let both = CafeKind.allCases.compactMap { cafe in
            frame.state(of: cafe).notSent.map { (cafe: cafe, notSent: $0) }
        }
        guard both.contains(where: { $0.notSent.lately > 0 }),
            let main = both.max(by: { $0.notSent.count < $1.notSent.count })
        else { return nil }
        var customers = NumberText.plural(main.notSent.count, "customer")
        if both.count == 1 {
            customers += " to the \(main.cafe.rawValue) café"
        } else if both[0].notSent.count != both[1].notSent.count {
            customers +=
                " ("
                + both.map { "\(count($0.notSent.count)) to the \($0.cafe.rawValue) café" }
                .joined(separator: ", ") + ")"
        }
        return "The customers' generator could not send \(customers): "
            + main.notSent.reason.explanation(inFlightLimit: main.notSent.inFlightLimit) + ". "
            + (both.count == 1
                ? "The \(main.cafe.rawValue) café sees fewer customers than the rate says: its pane counts them (⊘ not sent)."
                : "The cafés see fewer customers than the rate says: each pane counts them (⊘ not sent).")
    }

    /// Every way customers got no cup, named: "2,100 refused at the door, 65 cut off (reset)".
    private func failures(_ state: ShowState) -> String {
        state.failures.map { "\(count($0.count)) \($0.words)" }.joined(separator: ", ")
    }

    private var fullDoor: String? {
        guard let cafe = CafeKind.allCases.first(where: { frame.state(of: $0).doorIsFull }) else { return nil }
        let state = frame.state(of: cafe)
        let backlog = state.doorCapacity ?? state.doorQueue
        // Linux calls a door full only when it holds more than the backlog: one more fits (`sk_acceptq_is_full`).
        var text =
            "The \(cafe.rawValue) café's door is full: its backlog is \(count(backlog)), Linux lets one more in, and "
            + "the kernel turns newcomers away; they retry from outside (after 1 s, 3 s, …)"
        text += state.connecting > 0 ? ", \(count(state.connecting)) of them waiting outside now. " : ". "
        if state.errors > 0 { text += "Got no cup: \(failures(state)). " }
        return text + "At most \(count(backlog + 1)) fit at the door, however fast customers come."
    }

    private var leftovers: String? {
        let other: BrewKind = scenario.kind == .io ? .cpu : .io
        let counts = CafeKind.allCases.map { (cafe: $0, count: frame.state(of: $0).inShopByKind[other] ?? 0) }
            .filter { $0.count > 0 }
        guard !counts.isEmpty else { return nil }
        let where_ = counts.map { "\(count($0.count)) in the \($0.cafe.rawValue) café" }.joined(separator: " and ")
        return "The brew is \(scenario.kind.rawValue) now, but \(other.rawValue) orders from before are still inside "
            + "(\(where_)): the figures and the theory agree again once they are through. Press x to clear the shop."
    }

    private var backRoomLeftovers: String? {
        guard scenario.asyncHandler != .offload, let helpers = frame.async.helpers else { return nil }
        return
            "The async café no longer offloads, but its back room still has \(count(helpers.busy + helpers.waiting)) "
            + "cups from before (\(helpers.busy) with a helper, \(count(helpers.waiting)) waiting for one); "
            + "they finish first, then the new scene shows."
    }

    private var walkOuts: String? {
        // Walk-outs are the story once customers leave in numbers, or the café brews for ones already gone.
        // Said of now: customers walking out in the last few seconds, or gone ones still at the door; a café that
        // has drained since is not "in overload" for its totals.
        let telling: (ShowState) -> Bool = { state in
            let servedLately = state.servedPerSecond * Double(max(state.rateWindowSeconds, 1))
            return state.goneAtDoor > 0
                || state.walkedOutLately > 0 && Double(state.walkedOutLately) * 10 > max(servedLately, 10)
        }
        guard let cafe = CafeKind.allCases.first(where: { telling(frame.state(of: $0)) }) else { return nil }
        let state = frame.state(of: cafe)
        let patience = NumberText.seconds(scenario.patience.milliseconds / 1000)
        var text =
            "Overload: customers of the \(cafe.rawValue) café walk out after \(patience), "
            + "\(count(state.walkedOut)) so far. "
        if state.goneAtDoor > 0 {
            text +=
                "Their connections still wait at the door: \(count(state.goneAtDoor)) of the \(count(state.doorQueue)) "
                + "queued have already gone. "
        }
        if state.brewedForNobody > 0 {
            // "gunicorn does the same": its sync worker reads an order already in the kernel and brews it whoever is
            // still there (checked on gunicorn itself by GunicornWalkOutTests).
            let peer = cafe == .sync ? " (gunicorn's sync workers do the same)" : ""
            text +=
                "The café takes them in anyway and has brewed \(count(state.brewedForNobody)) cups for nobody"
                + "\(peer); it serves \(NumberText.rate(state.servedPerSecond))/s to customers still there."
        } else {
            text += "Cups reach only the customers still waiting: \(NumberText.rate(state.servedPerSecond))/s."
        }
        return text
    }

    private var machine: String? {
        guard let machine = frame.machine, machine.isSaturated else { return nil }
        let other = machine.other.map { ", everything else \(NumberText.rate($0))" } ?? ""
        return "The machine is the limit: the sync café uses \(NumberText.cores(machine.syncCafe)), the async café "
            + "\(NumberText.cores(machine.asyncCafe)), the show with its customers \(NumberText.rate(machine.show))\(other) "
            + "of \(machine.cores) cores. No café can go faster than the cores it shares."
    }

    private var scene: String? {
        if scenario.kind == .cpu, let cups = theory.machineCups {
            return "CPU brews: the work is computing, not waiting, so buzzers do not help. Both cafés share "
                + "\(NumberText.plural(theory.cores, "core")): at most \(rate(cups)) cups/s for both together. "
                + "(A default CPython app would be slower still: its threads share one GIL.)"
        }
        if scenario.asyncHandler == .block, let loops = blockedLoops { return loops }
        if scenario.asyncHandler == .block {
            return "The async barista now stares at the machine for every cup (a blocking call in an async view): "
                + "the whole café stalls and its loop lag jumps. Press m to offload the cup to back-room helpers."
        }
        if let limit = scenario.asyncLimit, theory.queueGrowth(of: .async) > 0 {
            return "The async café sheds load: beyond \(count(limit)) customers in progress it answers 503 at once "
                + "(uvicorn --limit-concurrency), so \(rate(theory.queueGrowth(of: .async)))/s are turned away in a moment "
                + "instead of queueing, and those let in wait no longer than the limit allows."
        }
        if scenario.asyncHandler == .offload && theory.queueGrowth(of: .async) > 0 {
            return "The async barista hands every cup to the back room, and each helper waits by the machine like a "
                + "sync barista: now the helpers are the limit, and customers wait in the back room. Press m for await."
        }
        if scenario.slowShare > 0 && frame.sync.readingBaristas > 0 {
            return "\(Int((scenario.slowShare * 100).rounded()))% of the customers give their order a few bytes at a "
                + "time over \(NumberText.seconds(scenario.slowFor.milliseconds / 1000)): a sync barista who takes one "
                + "stands reading it and serves nobody else (Slowloris); the async café reads orders on its loop. "
                + "That is why gunicorn's sync workers belong behind a buffering proxy such as nginx."
                + settledSlowLine
        }
        return syncAdvice
    }

    /// Several loops in block mode: each one stalls for its own customers, so L loops serve L ÷ brew; while some
    /// are blocked the free ones take every newcomer, and who a blocked loop took in waits for it.
    private var blockedLoops: String? {
        let loops = frame.async.loops
        guard scenario.loops > 1, loops.count > 1, frame.async.outsideView == nil else { return nil }
        let brew = NumberText.milliseconds(Double(scenario.brewMilliseconds))
        let capacity = "\(scenario.loops) loops ÷ \(brew) = \(rate(theory.async.value)) cups/s at most"
        let stuck = loops.filter(\.isBlocked)
        guard !stuck.isEmpty, stuck.count < loops.count else {
            return "Each of the async café's \(scenario.loops) loops stares at the machine for its own cups "
                + "(a blocking call in an async view): \(capacity). A blocked loop takes nobody new; a free one takes "
                + "them all, as gunicorn's uvicorn workers share one door. "
                + "Press m to offload the cup to back-room helpers."
        }
        let held = stuck.reduce(0) { $0 + ($1.customers ?? 0) }
        let names = stuck.map { "\($0.id + 1)" }.joined(separator: ", ")
        let free = loops.count - stuck.count
        return "Loop\(stuck.count == 1 ? "" : "s") \(names) \(stuck.count == 1 ? "is" : "are") blocked with "
            + "\(NumberText.plural(held, "customer")) stuck waiting for \(stuck.count == 1 ? "it" : "them"); "
            + "\(free == 1 ? "the free loop takes" : "the \(free) free loops take") every newcomer. \(capacity) "
            + "while every loop is busy. Press m to offload the cup to back-room helpers."
    }

    /// With a line at the sync door, the kernel reads part of each slow order while she waits: where it settles.
    private var settledSlowLine: String {
        guard let wait = theory.slowDoorWaitSeconds else { return "" }
        let door = count(Int((theory.offeredRate * wait).rounded()))
        return " Once a line forms, the kernel reads each slow order while she waits at the door, so a barista reads "
            + "only the rest: the line settles near \(door), everyone waiting about \(NumberText.seconds(wait))."
    }

    /// More customers than the sync café can serve: how many baristas would drain its line, and how fast.
    private var syncAdvice: String? {
        let growth = theory.queueGrowth(of: .sync)
        let atCapacity = theory.utilisation(of: .sync) >= 0.995
        guard growth > 0 || atCapacity, frame.sync.outsideView.map({ $0.server != nil }) ?? true else { return nil }
        let capacity = rate(theory.sync.value)
        var text =
            "\(rate(theory.offeredRate)) customers/s come and the sync café's \(NumberText.plural(scenario.syncWorkers, "barista")) "
            + "serve at most \(capacity)/s: "
            + (growth > 0 ? "its line grows \(rate(growth))/s. " : "the line never shrinks. ")
        if let drain = theory.baristasToDrain(queued: frame.sync.queued) {
            let more = drain.baristas - scenario.syncWorkers
            text +=
                "\(drain.baristas) baristas (press w \(more == 1 ? "once" : "\(more) times")) would drain the "
                + "\(count(frame.sync.queued)) queued in ~\(NumberText.seconds(drain.seconds.rounded(.up))); "
                + "the async café keeps up with buzzers."
        }
        return text
    }

    private var calm: String {
        "Both cafés get the same customers at the same instants. Press + to send more customers each second "
            + "and watch the sync café's door: it fills once the offered rate passes its capacity."
    }
}
