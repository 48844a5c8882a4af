import CafeModel
import Foundation

/// `barista load`'s flags read into a plan: the checks and their one-line errors live here, beside the plan, so the
/// command only passes its flags on.
extension LoadPlan {
    /// The plan of `barista load`'s flags, each as given (`think`, `brew`, … already durations), or the first
    /// flag that is wrong, in the words of the command line.
    public static func reading(
        rate: String?, arrivals: String, seed: UInt64, burst: String?, ramp: String?, customers: Int?,
        think: Duration, duration: Duration?, count: Int?, brew: Duration, kind: String, keepAlive: Bool,
        connections: Int?, patience: Duration, maxInFlight: Int, slow: String?, slowFor: Duration
    ) throws(LoadFlagError) -> LoadPlan {
        let given = [rate != nil, burst != nil, ramp != nil, customers != nil].filter { $0 }.count
        guard given <= 1 else { throw LoadFlagError("choose one of --rate, --burst, --ramp and --customers") }
        let arrivalsValue: Arrivals
        if let burst {
            arrivalsValue = .burst(try Burst.parse(burst))
        } else if let ramp {
            arrivalsValue = .ramp(try Ramp.parse(ramp))
        } else if let customers {
            guard (1...100_000).contains(customers) else {
                throw LoadFlagError("--customers must be from 1 to 100000, not \(customers)")
            }
            arrivalsValue = .closed(customers: customers, think: think)
        } else {
            let parsed: Rate
            do { parsed = try Rate.parse(rate ?? "10/s") } catch { throw LoadFlagError("--rate: \(error)") }
            switch arrivals {
            case "constant": arrivalsValue = .constant(parsed)
            case "poisson": arrivalsValue = .poisson(parsed, seed: seed)
            default: throw LoadFlagError("--arrivals must be constant or poisson, not '\(arrivals)'")
            }
        }
        if arrivals != "constant" && rate == nil && given > 0 {
            throw LoadFlagError("--arrivals \(arrivals) goes with --rate")
        }
        guard let brewKind = BrewKind(rawValue: kind) else {
            throw LoadFlagError("--kind must be io or cpu, not '\(kind)'")
        }
        let milliseconds = Int(brew.milliseconds.rounded())
        guard (0...Order.maximumMilliseconds).contains(milliseconds) else {
            throw LoadFlagError(
                "--brew must be from 0ms to \(Order.maximumMilliseconds / 1000)s, not \(DurationText.format(brew))")
        }
        if let count, count < 1 { throw LoadFlagError("--count must be at least 1, not \(count)") }
        if let duration, duration <= .zero { throw LoadFlagError("--duration must be above 0") }
        if let connections, connections < 1 {
            throw LoadFlagError("--connections must be at least 1, not \(connections)")
        }
        guard patience > .zero else { throw LoadFlagError("--patience must be above 0") }
        guard maxInFlight >= 1 else { throw LoadFlagError("--max-in-flight must be at least 1, not \(maxInFlight)") }
        let slowShare = try slow.map { text throws(LoadFlagError) in try parseShare(text) } ?? 0
        guard slowFor > .zero else { throw LoadFlagError("--slow-for must be above 0") }
        return LoadPlan(
            arrivals: arrivalsValue, order: Order(milliseconds: milliseconds, kind: brewKind),
            patience: patience, keepAlive: keepAlive, connections: connections, maxInFlight: maxInFlight,
            duration: duration ?? (count == nil ? .seconds(10) : nil), count: count,
            slowShare: slowShare, slowFor: slowFor, slowSeed: seed)
    }

    /// `--slow 20%` (or `20`) as a share from 0 to 1.
    public static func parseShare(_ text: String) throws(LoadFlagError) -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let percent = Double(number.trimmingCharacters(in: .whitespaces)), percent.isFinite,
            (0...100).contains(percent)
        else { throw LoadFlagError("--slow must be a share from 0% to 100%, not '\(text)'") }
        return percent / 100
    }
}
