/// Durations as people type them on a command line or in a lesson: `100ms`, `2s`, `1.5s`, `2m`, `500us`, and as
/// barista prints them (`2m05s`), so that what the help or a report shows can be typed back.
public enum DurationText {
    /// Parses a duration; nil when the text is not a number followed by us, ms, s or m, or minutes then seconds.
    public static func parse(_ text: String) -> Duration? {
        if let minutes = text.firstIndex(of: "m"), let whole = Int(text[..<minutes]), whole >= 0, text.hasSuffix("s"),
            let seconds = Double(text[text.index(after: minutes)..<text.index(before: text.endIndex)]),
            seconds >= 0, seconds.isFinite
        {
            return .seconds(whole * 60) + .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "ms" also ends in "s": only accept when what is left is a plain number.
            guard let value = Double(number), value >= 0, value.isFinite else { continue }
            return .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
        }
        return nil
    }

    /// A short human form: `850ms`, `1.42s`, `2m05s`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        if milliseconds < 1 { return "\(Int((milliseconds * 1000).rounded()))µs" }
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded()))ms" }
        let seconds = milliseconds / 1000
        if seconds < 60 {
            let text = String(format2: seconds)
            return "\(text)s"
        }
        let whole = Int(seconds.rounded())
        return "\(whole / 60)m\(whole % 60 < 10 ? "0" : "")\(whole % 60)s"
    }
}

extension String {
    /// A number with at most two decimals and no trailing zeros: 1.5, 1.42, 2.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 {
            self = "\(whole)"
        } else if fraction % 10 == 0 {
            self = "\(whole).\(fraction / 10)"
        } else {
            self = "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }
}
