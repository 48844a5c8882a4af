import CafeModel
import Foundation

/// What `barista load` prints at the end, for a person (`text`), a program (`json`, in LoadReport+JSON) or a
/// spreadsheet (one CSV row per second and café, in LoadReport+CSV). Pure formatting of a snapshot: no I/O.
public enum LoadReport {
    /// The seconds over which customers arrived: until the door closed (the duration, the count reached, or
    /// Ctrl-C), or the whole run when it never closed.
    public static func arrivalSeconds(_ snapshot: LoadSnapshot) -> Double {
        max(0.001, min(snapshot.arrivalsEndedSeconds ?? snapshot.elapsedSeconds, snapshot.elapsedSeconds))
    }

    /// How long a café's tail lasted: from the door closing to its last customer's end (0 without a tail).
    public static func tailSeconds(_ side: TargetSnapshot, _ snapshot: LoadSnapshot) -> Double {
        guard let closed = snapshot.arrivalsEndedSeconds, let last = side.lastVisitEndedSeconds else { return 0 }
        return max(0, last - closed)
    }

    public static func text(_ snapshot: LoadSnapshot, plan: LoadPlan, targets: [LoadTarget]) -> String {
        let arriving = arrivalSeconds(snapshot)
        let seconds = { (value: Double) in String(format: "%.1fs", value) }
        var lines = [
            "barista load: \(snapshot.arrivals), \(seconds(snapshot.elapsedSeconds)) in all "
                + "(customers came for \(seconds(arriving)))"
        ]
        for (target, side) in zip(targets, snapshot.targets) {
            func perSecond(_ value: Int, over seconds: Double) -> String {
                String(format: "%.1f/s", Double(value) / seconds)
            }
            let tail = tailSeconds(side, snapshot)
            let inTail = side.served - side.servedWhileArriving
            lines.append("")
            lines.append(target.origin + target.requestPath(order: plan.order))
            lines.append(
                "  customers  planned \(side.planned) (\(perSecond(side.planned, over: arriving)))"
                    + "   sent \(side.sent) (\(perSecond(side.sent, over: arriving)))")
            lines.append(
                "  served     \(side.served) in all: \(side.servedWhileArriving) while customers came "
                    + "(\(perSecond(side.servedWhileArriving, over: arriving))), "
                    + (inTail > 0 ? "\(inTail) in the tail (\(seconds(tail)) after the door closed)" : "no tail"))
            if plan.slowShare > 0 {
                let timedOut = side.statusCounts[408].map { ", \($0) ended by the café's header timeout (408)" } ?? ""
                lines.append(
                    "  slow       \(side.slow) slow customers (\(percent(plan.slowShare))) sent their order over "
                        + "\(DurationText.format(plan.slowFor))\(timedOut)")
            }
            let outside = side.walkedOutOutside > 0 ? " (\(side.walkedOutOutside) never got in)" : ""
            lines.append(
                "  no cup     walked out \(side.walkedOut)\(outside)   turned down \(side.refused)"
                    + "   errors \(side.errorCount)   not sent \(side.notSent)   cut off \(side.cutOff)")
            if side.corrected.count == 0 {
                lines.append(
                    "  latency    "
                        + (side.statusCounts.isEmpty
                            ? "no answers" : "no cups to time (every answer turned the customer down)"))
            } else {
                lines.append(
                    "  latency          "
                        + ["p50", "p90", "p99", "p99.9", "max", "mean"]
                        .map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
                for (name, latency) in [("from planned", side.corrected), ("from sent", side.uncorrected)] {
                    let values = [
                        latency.p50Ms, latency.p90Ms, latency.p99Ms, latency.p999Ms, latency.maxMs,
                        latency.meanMs,
                    ]
                    lines.append(
                        "    " + name.padding(toLength: 13, withPad: " ", startingAt: 0)
                            + values.map { ms($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
                }
            }
            if !side.statusCounts.isEmpty {
                let statuses = side.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }
                lines.append("  status     " + statuses.joined(separator: "   "))
            }
            if side.errorCount > 0 {
                let errors = side.errors.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.words) \($0.value)" }
                lines.append("  errors     " + errors.joined(separator: "   "))
            }
            if side.cutOff > 0 {
                lines.append(
                    "  cut off    \(side.cutOff) customers were still inside when the run stopped; "
                        + "their waits are not in the latencies above")
            }
        }
        let lag = snapshot.scheduleLag
        lines.append("")
        lines.append(
            "schedule lag (generator late vs plan): p50 \(ms(lag.p50Ms))  p99 \(ms(lag.p99Ms))  max \(ms(lag.maxMs))")
        return lines.joined(separator: "\n")
    }

    /// A duration in milliseconds as barista writes durations: `2.5ms`, `1.2s`.
    public static func ms(_ milliseconds: Double) -> String { DurationText.format(.milliseconds(milliseconds)) }

    /// A share from 0 to 1 as a percentage: `20%`, `12.5%`.
    public static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }
}
