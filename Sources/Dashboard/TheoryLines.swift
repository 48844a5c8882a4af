import CafeModel
import TerminalUI

/// The theory under both cafés, in words: what each café can do at most (N ÷ S), what is offered, which of its
/// queues grows and how fast, Little's law checked over one stated window, and who keeps the cores busy.
/// Every sentence must hold for what the cafés are doing now: a full door does not "grow", an unsteady café does
/// not get a ✓, a machine with no core to spare is not promised "no limit".
struct TheoryLines {
    let frame: ShowFrame
    let cores: Int
    let glyphs: Glyphs
    let palette: Palette
    /// Worked out once a frame: every line reads it.
    let theory: Theory

    init(frame: ShowFrame, cores: Int, glyphs: Glyphs, palette: Palette) {
        self.frame = frame
        self.cores = cores
        self.glyphs = glyphs
        self.palette = palette
        theory = frame.theory(cores: cores)
    }

    /// "sync  4 baristas ÷ 0.1 s = 40 cups/s < 60/s offered → door grows 20/s"; `compact` says the same in fewer
    /// words for a narrow screen.
    func capacityLine(_ cafe: CafeKind, compact: Bool = false) -> Line {
        let state = frame.state(of: cafe)
        var line: Line = [Span(cafe == .sync ? "sync  " : "async ", palette.title)]
        if cafe == .sync, frame.scenario.syncProxy == .nginx { return line + frontWords(compact: compact) }
        // A server given by URL: who serves inside is unknown, so the theory has no N to divide.
        if let outside = state.outsideView, outside.server == nil, !outside.hasStats {
            let served = NumberText.rate(state.servedPerSecond), offered = NumberText.shortRate(theory.offeredRate)
            line.append(
                Span(
                    compact
                        ? "outside server: capacity unknown, \(served)/s of \(offered)/s served"
                        : "an outside server: its workers are not known here, so no capacity; \(served)/s of \(offered)/s served",
                    palette.muted))
            return line
        }
        guard case .perSecond(let rate) = theory.capacity(of: cafe) else {
            if let machine = frame.machine, let limit = machine.limit {
                let full = "this machine's \(NumberText.plural(machine.cores, "core")) are full"
                let who = limit == .customers ? "the customers take the cores" : compact ? "the cores are full" : full
                line.append(
                    Span(
                        compact ? "await: no I/O limit, but \(who)" : "await: no limit for I/O waits, but \(who)",
                        palette.warning))
            } else if theory.asyncServers == nil && cafe == .async {
                line.append(Span("await: buzzers cost no barista \(glyphs.arrow) no limit for I/O waits", palette.calm))
            } else {
                line.append(Span("no brew time \(glyphs.arrow) no limit", palette.text))
            }
            return line
        }
        let cups = compact ? "/s" : " cups/s"
        line.append(
            Span(who(cafe, theory: theory, compact: compact) + " = \(NumberText.shortRate(rate))\(cups)", palette.text))
        let growth = theory.queueGrowth(of: cafe)
        let rateText = compact ? NumberText.compactRate : NumberText.shortRate
        let offered = rateText(theory.offeredRate) + (compact ? "/s" : "/s offered")
        let queue = theory.growingQueue(of: cafe)
        if growth > 0 {
            line.append(Span(" < \(offered)", palette.text))
            if theory.sheds(cafe), let limit = theory.asyncLimit {
                let words = compact ? "503" : "turned away (503 beyond \(NumberText.count(limit)) in progress)"
                line.append(Span(" \(glyphs.arrow) \(rateText(growth))/s \(words)", palette.warning))
            } else if queue == .door && state.doorIsFull, let backlog = state.doorCapacity {
                let full = compact ? "full" : "door full (backlog \(NumberText.count(backlog)))"
                line.append(
                    Span(
                        " \(glyphs.arrow) \(full): \(rateText(growth))/s turned away", palette.blocked))
            } else {
                let grows = compact ? " +" : " grows "
                line.append(Span(" \(glyphs.arrow) \(queue.rawValue)\(grows)\(rateText(growth))/s", palette.blocked))
            }
            return line
        }
        line.append(Span(" \(glyphs.atLeast) \(offered)", palette.text))
        let rho = theory.utilisation(of: cafe)
        if cafe == .sync, let wait = theory.slowDoorWaitSeconds {
            // Slow customers: the line grows until the kernel has read enough of each slow order at the door.
            let door = NumberText.count(Int((theory.offeredRate * wait).rounded()))
            line.append(
                Span(
                    compact
                        ? " \(glyphs.separator) door settles ~\(door)"
                        : " \(glyphs.separator) the door settles near \(door) (\(NumberText.seconds(wait)) wait): slow orders are read while they wait",
                    palette.warning))
            return line
        }
        // The theory speaks of the steady state; a line still growing now (just after a change) is said as it is.
        if let net = growingNow(state), state.queued > 0 {
            let queued = NumberText.count(state.queued) + (compact ? "" : " queued")
            line.append(
                Span(
                    " \(glyphs.separator) \(queued), still +\(rateText(net.rounded()))/s now", palette.warning))
            return line
        }
        if rho >= 0.995 {
            line.append(
                Span(" \(glyphs.separator) 100% busy: \(compact ? "" : "the ")line never shrinks", palette.warning))
        } else {
            line.append(
                Span(
                    " \(glyphs.separator) \(Int((rho * 100).rounded()))% busy",
                    rho > 0.85 ? palette.warning : palette.calm))
        }
        if state.queued > 0, rho < 0.995, rate > theory.offeredRate {
            let seconds = Double(state.queued) / (rate - theory.offeredRate)
            let queued = NumberText.count(state.queued) + (compact ? "" : " queued")
            line.append(
                Span(
                    " \(glyphs.arrow) \(queued) drain in ~\(NumberText.seconds(seconds.rounded(.up)))", palette.muted))
        }
        return line
    }

    /// Customers a second the café's line grows by now (Little's window: arrivals less departures), when it grows.
    private func growingNow(_ state: ShowState) -> Double? {
        guard case .notSteady(let net)? = state.little?.verdict, net > 0 else { return nil }
        return net
    }

    /// Who makes the cups and how fast: "4 baristas ÷ 0.1 s", or for CPU brews the cores they share with the other
    /// café: "4 baristas on 1.6 of 2 shared cores ÷ 0.1 s".
    /// With slow customers, the sync café's S is the brew plus their reading: "4 baristas ÷ 1.1 s (0.1 s brew +
    /// 20% × 5 s reading)", or once a line has settled, only what is left to read after the door wait:
    /// "4 baristas ÷ 0.4 s (0.1 s brew + 20% × 1.5 s reading)".
    private func who(_ cafe: CafeKind, theory: Theory, compact: Bool) -> String {
        var brew = NumberText.seconds(theory.brewSeconds)
        if cafe == .sync, theory.syncHoldSeconds > theory.brewSeconds {
            brew = NumberText.seconds(theory.syncHoldSeconds)
            if !compact {
                let reading = (theory.syncHoldSeconds - theory.brewSeconds) / max(theory.slowShare, 0.0001)
                brew +=
                    " (\(NumberText.seconds(theory.brewSeconds)) brew + \(Int((theory.slowShare * 100).rounded()))% "
                    + "\(glyphs.times) \(NumberText.seconds(reading)) reading)"
            }
        }
        if cafe == .async, theory.asyncLimitIsTheCap, let limit = theory.asyncLimit {
            return "limit \(NumberText.count(limit)) in progress \(glyphs.divide) \(brew)"
        }
        let people: String
        switch cafe {
        case .sync: people = NumberText.plural(theory.syncServers, "barista")
        case .async:
            let servers = theory.asyncServers ?? frame.scenario.loops
            people = NumberText.plural(servers, frame.scenario.asyncHandler == .offload ? "helper" : "loop")
        }
        guard let share = theory.cores(of: cafe) else { return "\(people) \(glyphs.divide) \(brew)" }
        // CPU brews: the café's share of the cores is what divides (its people cannot spin more than that), so a
        // narrow line keeps the share and drops the people.
        if compact { return "\(NumberText.rate(share)) cores \(glyphs.divide) \(brew)" }
        return "\(people) on \(NumberText.rate(share)) of \(theory.cores) shared cores \(glyphs.divide) \(brew)"
    }

    /// "5 s: sync L 31 ≈ 60/s×0.52 s = 31.2 ✓  async L 6 ≈ 60/s×0.1 s = 6.1 ✓" — L, λ and W over the same window;
    /// a café whose line grows or drains is named not steady with the count inside now. `compact` drops words.
    func littleLine(compact: Bool = false) -> Line {
        // L, λ and W all come from the customers: while their figures are late, a verdict would be about the past.
        if frame.customers.figuresAreLate {
            let seconds = Int(frame.customers.figuresAgeSeconds.rounded(.down))
            return [Span("customers' figures \(seconds) s late: no verdict until they come", palette.warning)]
        }
        let window = [frame.sync.little, frame.async.little].compactMap { $0?.seconds }.max() ?? 0
        var line: Line = [
            Span(window < 1 ? "" : compact ? "\(Int(window))s: " : "\(Int(window)) s avg: ", palette.muted)
        ]
        for cafe in CafeKind.allCases {
            line.append(Span(cafe == .sync ? "sync " : "  async ", palette.title))
            guard let little = frame.state(of: cafe).little else {
                line.append(Span("measuring", palette.muted))
                continue
            }
            switch little.verdict {
            case .idle:
                line.append(Span("idle", palette.muted))
            case .measuring:
                line.append(Span("measuring", palette.muted))
            case .notSteady(let net):
                let trend =
                    net > 0 ? "+\(NumberText.shortRate(net.rounded()))/s" : "\(NumberText.shortRate(net.rounded()))/s"
                line.append(
                    Span(
                        "\(NumberText.compact(little.inShopNow))\(compact ? " now " : " inside now, ")\(trend)",
                        palette.text))
                line.append(Span(compact ? " unsteady" : ": not steady, L=λW needs a steady line", palette.warning))
            case .holds(let predicted), .differs(let predicted):
                let holds = little.verdict == .holds(predicted: predicted)
                let sign = holds ? glyphs.approximately : glyphs.notEqual
                let w = little.timeInShopSeconds ?? 0
                let space = compact ? "" : " "
                // L is the window's average; beside it (room permitting) the count inside now, so an average is
                // never read as the line on screen.
                let now = compact ? "" : " (\(NumberText.compact(little.inShopNow)) now)"
                line.append(
                    Span(
                        "L \(NumberText.rate(little.inShopMean))\(now)\(space)\(sign)\(space)"
                            + "\(NumberText.shortRate(little.arrivalsPerSecond.rounded()))/s\(glyphs.times)"
                            + "\(NumberText.seconds(w).replacing(" ", with: space))\(space)=\(space)\(NumberText.rate(predicted))",
                        palette.text))
                if holds { line.append(Span("\(space)\(glyphs.check)", palette.calm)) }
            }
        }
        return line
    }

    /// "cores   sync café 0.9 · async café 0.3 · show+customers 0.5 · other 0.2 = 1.9 of 2 → the machine is the
    /// limit" ("?" for a café this machine cannot see: a server barista did not start). The shares are measured
    /// over one interval and never add up to more than the machine.
    func coresLine(compact: Bool = false, tight: Bool = false) -> Line {
        guard let machine = frame.machine else { return [Span("measuring", palette.muted)] }
        let compact = compact || tight
        // The tightest form (80 columns with everything else on the machine) keeps every figure, fewer words.
        let dot = tight ? " " : " \(glyphs.separator) "
        var line: Line = [
            Span(compact ? "sync " : "sync café ", palette.title),
            Span(NumberText.cores(machine.syncCafe), palette.text),
            Span(dot + (compact ? "async " : "async café "), palette.title),
            Span(NumberText.cores(machine.asyncCafe), palette.text),
            Span(dot + (compact ? "show " : "show+customers "), palette.title),
            Span(NumberText.rate(machine.show), palette.text),
        ]
        if let other = machine.other {
            line += [
                Span(dot + (compact ? "other " : "everything else "), palette.title),
                Span(NumberText.rate(other), palette.text),
            ]
        }
        line.append(
            Span(
                " = \(NumberText.rate(machine.used))\(machine.seesBothCafes ? "" : "+?") of \(machine.cores)",
                palette.text))
        if let limit = machine.limit {
            let words: String
            switch limit {
            case .customers:
                words =
                    tight
                    ? "limit: customers"
                    : compact
                        ? "the customers are the limit"
                        : "the customers need \(NumberText.rate(machine.show)) of \(machine.cores): the cafés get what is left"
            case .otherPrograms:
                words =
                    tight
                    ? "limit: others"
                    : compact
                        ? "other programs are the limit"
                        : "other programs take the cores: the machine is the limit"
            case .cafes:
                words = tight ? "limit: the machine" : "the machine is the limit"
            }
            line.append(Span(" \(glyphs.arrow) \(words)", palette.blocked))
        } else if let cups = theory.machineCups, compact {
            line.append(Span("\(dot)both \(glyphs.atMost) \(NumberText.shortRate(cups)) cpu cups/s", palette.muted))
        } else if let cups = theory.machineCups {
            line.append(
                Span(
                    "\(dot)cpu cups: \(machine.cores) cores \(glyphs.divide) \(NumberText.seconds(theory.brewSeconds)) = "
                        + "\(NumberText.shortRate(cups))/s for both", palette.muted))
        }
        return line
    }

    /// What the letters stand for, in café words.
    func legend(width: Int) -> Line {
        let long =
            "L customers in the shop (averaged) = λ arrivals per second × W seconds each one stays; "
            + "it holds once the line stops growing"
        let short =
            "L customers inside (average) = λ arrivals/s × W seconds each stays; true once the line stops growing"
        return [Span(glyphs.plain(long.count <= width ? long : short), palette.muted)]
    }

    /// The row's label: the law itself.
    var label: String { glyphs.isUnicode ? "L=λ·W" : "L=l*W" }
}
