import CafeModel
import TerminalUI

/// The theory under both cafés, in words: what each café can do at most (N ÷ S), what is offered, how fast the
/// door's line grows, and Little's law checked on the live numbers.
struct TheoryLines {
    var frame: ShowFrame
    var cores: Int
    var glyphs: Glyphs
    var palette: Palette

    var theory: Theory { frame.theory(cores: cores) }

    /// "sync  4 baristas ÷ 0.1 s = 40 cups/s < 60/s offered → the door grows 20/s"
    func capacityLine(_ cafe: CafeKind) -> Line {
        let theory = self.theory
        let scenario = frame.scenario
        let brew = NumberText.seconds(theory.brewSeconds)
        var line: Line = [Span(cafe == .sync ? "sync  " : "async ", palette.title)]
        let who: String
        switch cafe {
        case .sync:
            who = NumberText.plural(theory.syncServers, "barista")
        case .async:
            switch (scenario.asyncHandler, scenario.kind) {
            case (.await, .io):
                line.append(Span("await: buzzers cost no barista \(glyphs.arrow) no limit for I/O waits", palette.calm))
                return line
            case (.offload, _): who = NumberText.plural(theory.asyncServers ?? 0, "helper")
            default: who = NumberText.plural(theory.asyncServers ?? 0, "loop")
            }
        }
        let cpuNote = scenario.kind == .cpu ? " (cpu: \(NumberText.plural(cores, "core")))" : ""
        let capacity = theory.capacity(of: cafe)
        switch capacity {
        case .unbounded:
            line.append(Span("\(who), no brew time \(glyphs.arrow) no limit", palette.text))
            return line
        case .perSecond(let rate):
            line.append(Span("\(who) \(glyphs.divide) \(brew) = \(NumberText.shortRate(rate)) cups/s\(cpuNote)", palette.text))
        }
        let growth = theory.queueGrowth(of: cafe)
        if growth > 0 {
            line.append(Span(" < \(NumberText.shortRate(theory.offeredRate))/s offered", palette.text))
            line.append(Span(" \(glyphs.arrow) door grows \(NumberText.shortRate(growth))/s", palette.blocked))
        } else {
            line.append(Span(" \(glyphs.atLeast) \(NumberText.shortRate(theory.offeredRate))/s offered", palette.text))
            let rho = theory.utilisation(of: cafe)
            line.append(Span(" \(glyphs.separator) \(Int((rho * 100).rounded()))% busy", rho > 0.85 ? palette.warning : palette.calm))
        }
        return line
    }

    /// "Little  sync L 27 ≈ λ·W 60/s × 0.45 s = 27.0 ✓    async …"
    /// `compact` leaves out "not steady" (the ≠ already says it), for a narrow screen.
    func littleLine(compact: Bool = false) -> Line {
        var line: Line = []
        for cafe in CafeKind.allCases {
            let state = frame.state(of: cafe)
            line.append(Span(cafe == .sync ? "sync " : "  async ", palette.title))
            guard let meanMs = state.waitMeanMs, state.served > 0 else {
                line.append(Span("waiting for the first cups", palette.muted))
                continue
            }
            let lambda = state.arrivalsPerSecond ?? frame.offeredRate
            let law = LittlesLaw(inShop: Double(state.inShop), arrivalRate: lambda, timeInShop: meanMs / 1000)
            let sign = law.agrees ? glyphs.approximately : glyphs.notEqual
            line.append(Span("L \(state.inShop) \(sign) ", palette.text))
            line.append(Span(
                "\(NumberText.shortRate(lambda))/s\(glyphs.times)\(NumberText.seconds(law.timeInShop)) = "
                    + "\(NumberText.rate(law.predicted))", palette.text))
            if law.agrees {
                line.append(Span(" \(glyphs.check)", palette.calm))
            } else if !compact {
                line.append(Span(" not steady", palette.warning))
            }
        }
        return line
    }

    /// What the letters stand for, in café words.
    var legend: Line {
        [Span(
            glyphs.plain("L customers in the shop = λ arrivals per second × W seconds each one stays (Little's law)"),
            palette.muted)]
    }

    /// The row's label: the law itself.
    var label: String { glyphs.isUnicode ? "L=λ·W" : "L=l*W" }
}
