import CafeModel

/// How numbers read on the screen: `1,204`, `40.0/s`, `612ms`, `0.1 s`.
enum NumberText {
    /// A count with thousands separators.
    static func count(_ value: Int) -> String { value.grouped }

    /// A count in at most five columns: `1,204`, `12.3k`, `123k`, `1.2M` — shortened, never dropped.
    static func compact(_ value: Int) -> String {
        let magnitude = abs(value)
        guard magnitude >= 10_000 else { return count(value) }
        let sign = value < 0 ? "-" : ""
        func scaled(_ unit: Double, _ suffix: String) -> String {
            let scaled = Double(magnitude) / unit
            if scaled >= 100 { return sign + "\(Int(scaled.rounded(.down)))\(suffix)" }
            let tenths = Int((scaled * 10).rounded(.down))
            return sign + "\(tenths / 10).\(tenths % 10)\(suffix)"
        }
        if magnitude < 1_000_000 { return scaled(1_000, "k") }
        if magnitude < 1_000_000_000 { return scaled(1_000_000, "M") }
        return scaled(1_000_000_000, "G")
    }

    /// A rate: one decimal below 100, whole above.
    static func rate(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value >= 100 { return count(Int(value.rounded())) }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A rate in at most five columns for a narrow line: `40`, `2.5`, `5k`, `4.6k`, `12k`.
    static func compactRate(_ value: Double) -> String {
        guard value.isFinite, value >= 1000 else { return shortRate(value) }
        let tenths = Int((value / 100).rounded(.down))
        if tenths >= 100 || tenths % 10 == 0 { return "\(tenths / 10)k" }
        return "\(tenths / 10).\(tenths % 10)k"
    }

    /// Cores in use, `0.3`; `?` when not measured (a server barista did not start).
    static func cores(_ value: Double?) -> String { value.map(rate) ?? "?" }

    /// A rate as people say it: `40`, `2.5`, `1,000`.
    static func shortRate(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded() { return count(Int(value)) }
        return rate(value)
    }

    static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return DurationText.format(.milliseconds(value))
    }

    /// Seconds with at most two decimals: `0.1 s`, `0.45 s`, `2 s`.
    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole) s" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10) s" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction) s"
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(Self.count(count)) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }
}
