import CafeModel
import TerminalUI

extension TheoryLines {
    /// The sync theory with nginx in front: what nginx changes (a slow order costs nginx a connection, not a barista)
    /// and what it does not (a slow brew still holds a barista), then the café's capacity with only the brew held.
    func frontWords(compact: Bool) -> Line {
        let capacity: String
        if case .perSecond(let rate) = theory.capacity(of: .sync) {
            let brew = NumberText.seconds(theory.brewSeconds)
            capacity = "\(theory.syncServers) \(glyphs.divide) \(brew) = \(NumberText.shortRate(rate))/s"
        } else {
            capacity = "no brew time"
        }
        if compact {
            var rate = ""
            if case .perSecond(let perSecond) = theory.capacity(of: .sync) {
                rate = "; \(NumberText.shortRate(perSecond))/s"
            }
            return [Span("nginx: a slow order costs no barista, a slow brew does\(rate)", palette.text)]
        }
        var line: Line = [
            Span("nginx reads each order whole: a slow order costs nginx a connection, not a barista; ", palette.calm),
            Span("a slow brew still holds one. \(capacity)", palette.text),
        ]
        if theory.staticShare > 0 {
            let cups = NumberText.shortRate(theory.offeredRate(of: .sync))
            line.append(Span(" for \(cups)/s of cups (the static files cost no barista)", palette.text))
        }
        return line
    }
}
