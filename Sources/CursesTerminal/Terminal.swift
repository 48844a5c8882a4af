import CNcurses
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncurses: the only file in barista that calls it.
///
/// Draws a `Canvas` by writing only the cells that changed since the last frame, reads keys without blocking
/// longer than asked, reports size changes, and gives the terminal back (`endwin`) on every exit path: `restore()`,
/// `deinit`, and a crash signal. ncurses is not thread-safe: create, use and drop a `Terminal` on the main thread.
/// Its C globals (`stdscr`, `COLS`, `LINES`) are never read: the window comes from `initscr()`, the size from
/// `getmaxx`/`getmaxy`.
public final class Terminal: TerminalBackend {
    public struct Options: Sendable {
        /// Draw colours when the terminal has them (`--no-color` clears it; `NO_COLOR` is honoured too).
        public var colors: Bool
        public init(colors: Bool = true) { self.colors = colors }
    }

    public private(set) var width: Int
    public private(set) var height: Int
    /// Colours are drawn: asked for, not vetoed by `NO_COLOR`, and the terminal has them.
    public let colorsEnabled: Bool
    /// The locale is UTF-8, so Unicode glyphs print; otherwise a screen should use `Glyphs.ascii`.
    public let unicodeEnabled: Bool

    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Canvas?
    private var colorPairs: [ColorPairKey: Int16] = [:]
    private var restored = false
    private var characters: [wchar_t] = []

    private struct ColorPairKey: Hashable {
        var foreground: Color?
        var background: Color?
    }

    public init(options: Options = Options()) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(description: "the show needs a terminal: standard input and output are not one")
        }
        guard let term = getenv("TERM"), strlen(term) > 0, String(cString: term) != "dumb" else {
            throw TerminalError(description: "the show needs a terminal: TERM is not set (or is 'dumb')")
        }
        // Before initscr, or wide characters (●, box lines) print as garbage.
        setlocale(LC_ALL, "")
        unicodeEnabled = Self.localeIsUTF8()
        Self.checkKeyCodes()
        Self.installCrashHandlers
        guard let window = initscr() else {
            throw TerminalError(description: "ncurses could not start on this terminal")
        }
        self.window = window
        cbreak()
        noecho()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
        colorsEnabled = options.colors && Self.colorAllowed(environmentNoColor: getenv("NO_COLOR")) && has_colors()
        if colorsEnabled {
            start_color()
            use_default_colors()
        }
        width = Int(getmaxx(window))
        height = Int(getmaxy(window))
    }

    deinit { restore() }

    /// `NO_COLOR` set to anything non-empty turns colours off (no-color.org).
    public static func colorAllowed(environmentNoColor value: UnsafeMutablePointer<CChar>?) -> Bool {
        guard let value else { return true }
        return value.pointee == 0
    }

    /// What gives this terminal's screen back when barista cannot (it was killed with `kill -9`): the terminal's own
    /// strings, from its terminfo entry, to reset colours, show the cursor, leave keypad mode and the alternate
    /// screen — what `endwin` writes. The terminal guard keeps it, with the shell's tty settings.
    public var emergencyRestore: [UInt8] {
        ["sgr0", "cnorm", "rmkx", "rmcup"].flatMap { name -> [UInt8] in
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
            return Array(String(cString: value).utf8)
        }
    }

    /// Gives the terminal back: the shell's screen, cursor and echo return. Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        endwin()
    }

    /// Draws a canvas, writing only what changed since the previous one.
    public func draw(_ canvas: Canvas) {
        guard !restored else { return }
        if let previous, previous.width != canvas.width || previous.height != canvas.height {
            // A new size: start from a clean screen so no leftovers of the old layout remain.
            werase(window)
            self.previous = nil
        }
        for run in CanvasDiff.runs(from: previous, to: canvas) {
            apply(run.style)
            characters.removeAll(keepingCapacity: true)
            for scalar in run.text.unicodeScalars { characters.append(wchar_t(bitPattern: scalar.value)) }
            wmove(window, Int32(run.y), Int32(run.x))
            // Writing the bottom-right cell returns ERR (the cursor cannot move past it) but draws it.
            _ = characters.withUnsafeBufferPointer { waddnwstr(window, $0.baseAddress, Int32($0.count)) }
        }
        wattr_set(window, 0, 0, nil)
        wrefresh(window)
        previous = canvas
    }

    /// The next key or size change, waiting at most `timeout`; nil when nothing happened.
    public func nextEvent(timeout: Duration) -> TerminalEvent? {
        guard !restored else { return nil }
        // Rounded up: a wait of 0.3 ms must not become a busy poll of 0 ms.
        let milliseconds = Int32(min(max((timeout / .milliseconds(1)).rounded(.up), 0), Double(Int32.max)))
        wtimeout(window, milliseconds)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        switch result {
        case KEY_CODE_YES:
            if Int32(code) == KEY_RESIZE {
                width = Int(getmaxx(window))
                height = Int(getmaxy(window))
                return .resize(width: width, height: height)
            }
            return .key(KeyDecoder.decode(keyCode: Int32(code)))
        case OK:
            return .key(KeyDecoder.decode(character: UInt32(code)))
        default:
            return nil
        }
    }

    private func apply(_ style: Style) {
        var attributes: attr_t = 0
        if style.bold { attributes |= cncurses_attr_bold() }
        if style.dim { attributes |= cncurses_attr_dim() }
        if style.reverse { attributes |= cncurses_attr_reverse() }
        var pair: Int16 = 0
        if colorsEnabled && (style.foreground != nil || style.background != nil) {
            pair = colorPair(foreground: style.foreground, background: style.background)
        }
        wattr_set(window, attributes, pair, nil)
    }

    private func colorPair(foreground: Color?, background: Color?) -> Int16 {
        let key = ColorPairKey(foreground: foreground, background: background)
        if let pair = colorPairs[key] { return pair }
        let pair = Int16(colorPairs.count + 1)
        init_pair(pair, Int16(foreground?.rawValue ?? -1), Int16(background?.rawValue ?? -1))
        colorPairs[key] = pair
        return pair
    }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// KeyDecoder spells ncurses's key codes out so it needs no ncurses; here they meet the real header.
    private static func checkKeyCodes() {
        assert(KeyDecoder.Code.up == KEY_UP && KeyDecoder.Code.down == KEY_DOWN && KeyDecoder.Code.left == KEY_LEFT)
        assert(KeyDecoder.Code.right == KEY_RIGHT && KeyDecoder.Code.backspace == KEY_BACKSPACE)
        assert(KeyDecoder.Code.enter == KEY_ENTER && KeyDecoder.Code.resize == KEY_RESIZE)
        assert(KeyDecoder.Code.home == KEY_HOME && KeyDecoder.Code.end == KEY_END && KeyDecoder.Code.delete == KEY_DC)
        assert(KeyDecoder.Code.pageUp == KEY_PPAGE && KeyDecoder.Code.pageDown == KEY_NPAGE)
        assert(KeyDecoder.Code.function0 == KEY_F0)
    }

    /// On a crash signal, give the terminal back first, then let the previous handler (Swift's backtracer, or the
    /// default action) run, so the report is readable in a normal shell. Installed once per process.
    private static let installCrashHandlers: Void = {
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalOnCrash
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, savedCrashActions + Int(signal))
        }
    }()
}

private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

/// The handlers that were there before ours, one slot per signal number.
/// Safe without a lock: written once by `installCrashHandlers` (a lazily initialised static, so once, by one
/// thread) before each handler is installed, and only read by the handlers afterwards.
nonisolated(unsafe) private let savedCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

private func restoreTerminalOnCrash(_ signal: Int32) {
    endwin()
    sigaction(signal, savedCrashActions + Int(signal), nil)
    raise(signal)
}
