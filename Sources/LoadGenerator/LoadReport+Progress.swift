import CafeModel
import Foundation

extension LoadReport {
    /// The line `barista load` redraws on a terminal's stderr while it runs: each café's cups, customers inside,
    /// walk-outs, errors and recent p99.
    public static func progressLine(_ snapshot: LoadSnapshot) -> String {
        let parts = snapshot.targets.map { target in
            "\(target.label): ✓\(target.served) in \(target.inFlight.total) out \(target.walkedOut) "
                + "err \(target.errorCount) p99 \(target.recent.count == 0 ? "-" : ms(target.recent.p99Ms))"
        }
        return String(format: "%5.1fs ", snapshot.elapsedSeconds) + "planned \(snapshot.customersPlanned)  "
            + parts.joined(separator: "  |  ")
    }
}
