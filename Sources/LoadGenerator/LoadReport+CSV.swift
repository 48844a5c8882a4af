import CafeModel
import Foundation

extension LoadReport {
    /// The first line of the `--csv` file.
    public static let csvHeader =
        "second,cafe,planned,sent,served,turned_down,walked_out,errors,not_sent,p50_ms,p99_ms\n"

    /// The rows of the seconds not yet written (`written`: the last second written per café, -1 for none), as
    /// one text to append.
    public static func csvRows(_ snapshot: LoadSnapshot, written: inout [Int]) -> String {
        var text = ""
        for (index, target) in snapshot.targets.enumerated() {
            for row in target.rows where row.second > written[index] {
                text +=
                    "\(row.second),\(csvField(target.label)),\(row.planned),\(row.sent),\(row.served),"
                    + "\(row.refused),\(row.walkedOut),\(row.errors),\(row.notSent),"
                    + "\(String(format: "%.3f", row.p50Ms)),\(String(format: "%.3f", row.p99Ms))\n"
                written[index] = row.second
            }
        }
        return text
    }

    /// A CSV field, quoted when it holds a comma or a quote.
    public static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
