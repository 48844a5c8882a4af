/// How many terminal columns text takes. Wide characters (CJK, most emoji) take two; everything barista draws
/// takes one, but a narration line may hold anything.
public enum TextWidth {
    public static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    public static func columns(of text: some StringProtocol) -> Int {
        // Scalar by scalar while each is a character by itself (nearly always): splitting text into characters
        // costs far more than reading its scalars.
        var total = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return columnsByCharacter(of: text) }
            total += isWide(scalar.value) ? 2 : 1
        }
        return total
    }

    private static func columnsByCharacter(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// Whether a scalar is a whole character by itself beside any other scalar of these ranges: no combining mark,
    /// joiner, variation selector, control, Hangul jamo or regional indicator is among them (a test checks every
    /// one). Text made only of such scalars can be read scalar by scalar: each is one character.
    @inline(__always)
    public static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2FF, 0x370...0x482, 0x2010...0x2027, 0x2030...0x205E, 0x2070...0x20CF,
            0x2100...0x2BFF:
            return true
        default:
            return false
        }
    }

    /// The text cut to at most `width` columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if columns(of: text) <= width { return text }
        let room = width - columns(of: ellipsis)
        guard room >= 0 else { return String(text.prefix(width)) }
        var result = "", used = 0
        for character in text {
            let w = columns(of: character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return result + ellipsis
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD, 0x2615:
            return true
        default:
            return false
        }
    }
}
