import CafeModel
import Foundation

extension LoadReport {
    /// The summary as one JSON document, numbers in milliseconds and per second.
    public static func json(_ snapshot: LoadSnapshot, plan: LoadPlan) -> String {
        struct Target: Encodable {
            var label, url: String
            var planned, sent, served, turnedDown, walkedOut, walkedOutOutside, notSent, cutOff: Int
            /// Slow customers (of `sent`): they wrote their order a few bytes at a time.
            var slow: Int
            /// Cups while customers were arriving, and in the tail after the door closed.
            var servedWhileArriving, servedInTail: Int
            var insideWhenArrivalsEnded: Int?
            var tailSeconds: Double
            var plannedPerSecond, sentPerSecond, servedWhileArrivingPerSecond: Double
            /// Over the whole run, tail included: hides a café that fell behind (kept for old readers).
            var servedPerSecond: Double
            var statusCounts: [String: Int]
            var errors: [String: Int]
            /// Absent when nothing was served: there is no wait to report.
            var latencyFromPlanned, latencyFromSent: LatencySummary?
        }
        struct Summary: Encodable {
            var arrivals: String
            var elapsedSeconds: Double
            var arrivalSeconds: Double
            var customersPlanned: Int
            /// The share of slow customers (0…1) and how long each took to send its order.
            var slowShare: Double
            var slowForSeconds: Double
            var scheduleLag: LatencySummary
            var targets: [Target]
        }
        let arriving = arrivalSeconds(snapshot)
        let summary = Summary(
            arrivals: snapshot.arrivals, elapsedSeconds: snapshot.elapsedSeconds, arrivalSeconds: arriving,
            customersPlanned: snapshot.customersPlanned, slowShare: plan.slowShare,
            slowForSeconds: plan.slowFor.milliseconds / 1000, scheduleLag: snapshot.scheduleLag,
            targets: snapshot.targets.map { side in
                Target(
                    label: side.label, url: side.url, planned: side.planned, sent: side.sent, served: side.served,
                    turnedDown: side.refused, walkedOut: side.walkedOut, walkedOutOutside: side.walkedOutOutside,
                    notSent: side.notSent, cutOff: side.cutOff, slow: side.slow,
                    servedWhileArriving: side.servedWhileArriving,
                    servedInTail: side.served - side.servedWhileArriving,
                    insideWhenArrivalsEnded: side.insideWhenArrivalsEnded, tailSeconds: tailSeconds(side, snapshot),
                    plannedPerSecond: Double(side.planned) / arriving, sentPerSecond: Double(side.sent) / arriving,
                    servedWhileArrivingPerSecond: Double(side.servedWhileArriving) / arriving,
                    servedPerSecond: Double(side.served) / max(0.001, snapshot.elapsedSeconds),
                    statusCounts: Dictionary(
                        uniqueKeysWithValues: side.statusCounts.map { (String($0.key), $0.value) }),
                    errors: Dictionary(uniqueKeysWithValues: side.errors.map { ($0.key.rawValue, $0.value) }),
                    latencyFromPlanned: side.corrected.count == 0 ? nil : side.corrected,
                    latencyFromSent: side.uncorrected.count == 0 ? nil : side.uncorrected)
            })
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
