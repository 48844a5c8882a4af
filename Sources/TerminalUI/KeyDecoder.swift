/// Turns the terminal's raw key codes into `Key`s: characters as ncurses `get_wch` returns them, and its
/// function-key codes.
///
/// The codes are ncurses's own (`curses.h`: `KEY_DOWN` is 0402 and so on; they are part of its ABI). They are
/// written out here so this file stays free of ncurses; `Terminal` checks them against the header at start.
public enum KeyDecoder {
    public enum Code {
        public static let down: Int32 = 0o402
        public static let up: Int32 = 0o403
        public static let left: Int32 = 0o404
        public static let right: Int32 = 0o405
        public static let home: Int32 = 0o406
        public static let backspace: Int32 = 0o407
        public static let function0: Int32 = 0o410
        public static let delete: Int32 = 0o512
        public static let pageDown: Int32 = 0o522
        public static let pageUp: Int32 = 0o523
        public static let enter: Int32 = 0o527
        public static let end: Int32 = 0o550
        /// Not a key: the terminal changed size.
        public static let resize: Int32 = 0o632
    }

    /// A character code (a Unicode scalar value, or a control code below 32).
    public static func decode(character code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return .unknown(Int32(bitPattern: code)) }
            return .character(Character(scalar))
        }
    }

    /// An ncurses function-key code (`KEY_*`).
    public static func decode(keyCode code: Int32) -> Key {
        switch code {
        case Code.down: return .down
        case Code.up: return .up
        case Code.left: return .left
        case Code.right: return .right
        case Code.home: return .home
        case Code.end: return .end
        case Code.backspace: return .backspace
        case Code.delete: return .delete
        case Code.pageDown: return .pageDown
        case Code.pageUp: return .pageUp
        case Code.enter: return .enter
        case (Code.function0 + 1)...(Code.function0 + 63): return .function(Int(code - Code.function0))
        default: return .unknown(code)
        }
    }
}
