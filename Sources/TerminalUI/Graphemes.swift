import Synchronization

/// The characters of more than one Unicode scalar that canvases hold (an emoji with a modifier, a letter with a
/// combining accent), each kept once and known by its number: a `Canvas.Cell` keeps the number, so a cell stays
/// plain bits. A session meets only a few such characters (a lesson's emoji); they are never forgotten.
enum Graphemes {
    /// Marks a cell's code as a number in this table rather than a scalar's value (scalars end at 0x10FFFF).
    static let flag: UInt32 = 0x8000_0000
    private static let table = Mutex<(characters: [Character], codes: [Character: UInt32])>(([], [:]))

    /// The code a cell keeps for a character.
    static func code(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return first.value
        }
        return table.withLock { table in
            if let code = table.codes[character] { return code }
            let code = flag | UInt32(table.characters.count)
            table.characters.append(character)
            table.codes[character] = code
            return code
        }
    }

    /// The character a cell's code stands for.
    static func character(of code: UInt32) -> Character {
        if code & flag == 0 { return Character(Unicode.Scalar(code) ?? " ") }
        return table.withLock { $0.characters[Int(code & ~flag)] }
    }
}
