import CafeModel

/// What on screen is older than the frame, and why, in one sentence for the header: "stats 4 s late: the machine
/// is saturated". A figure that came back late is drawn as late, never passed off as now.
///
/// On the show: each café's `/stats` is asked for every 50 ms and the load generator publishes every 50 ms; when
/// either comes seconds late, the process that should answer is short of CPU (or stuck).
struct LateFigures {
    var frame: ShowFrame

    /// The oldest café snapshot, in whole seconds, when it is late.
    var statsSeconds: Int? {
        let late = CafeKind.allCases.map { frame.state(of: $0) }.filter(\.statsAreLate).compactMap(\.statsAgeSeconds)
        return late.max().map { Int($0.rounded(.down)) }
    }

    /// How old the customers' figures (cups, waits, walk-outs) are, in whole seconds, when late.
    var customersSeconds: Int? {
        frame.customers.figuresAreLate ? Int(frame.customers.figuresAgeSeconds.rounded(.down)) : nil
    }

    /// "stats 4 s late, customers' figures 6 s late: the customers need 1.7 of 2 cores"; nil when all is on time.
    var sentence: String? {
        var what: [String] = []
        if let statsSeconds { what.append("stats \(statsSeconds) s late") }
        if let customersSeconds { what.append("customers' figures \(customersSeconds) s late") }
        guard !what.isEmpty else { return nil }
        return what.joined(separator: ", ") + ": " + reason
    }

    /// Why figures come late: who has the cores.
    var reason: String {
        if let machine = frame.machine, let limit = machine.limit {
            switch limit {
            case .customers:
                return "the customers need \(NumberText.rate(machine.show)) of \(machine.cores) cores"
            case .otherPrograms:
                return "other programs have the cores"
            case .cafes:
                return "the machine is saturated"
            }
        }
        if frame.customers.isBehind {
            return "the customers are \(NumberText.milliseconds(frame.customers.behindMs)) behind"
        }
        return "the café answers its /stats late"
    }
}
