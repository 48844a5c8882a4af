import CSystemShims
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The terminal's guard for the one way out the show cannot catch, `kill -9`: a small `barista terminal-guard`
/// process that outlives the show by a moment and gives the terminal back (the shell's tty settings, the cursor, the
/// normal screen), as the peer guard ends the Python cafés.
///
/// The show starts it with the tty settings it found and the terminal's restore strings, and holds the write end of
/// a pipe to it. Leaving normally, the show restores the terminal itself and says so (one byte): the guard leaves
/// without a word. If the show dies any other way, the kernel closes the pipe; the guard reads end-of-file and
/// restores the terminal.
public final class TerminalGuard {
    private var pipe: Int32?

    private init(pipe: Int32) { self.pipe = pipe }

    /// Starts the guard; nil (and the show goes on unguarded) when it cannot be started.
    public static func start(shellMode: termios, restore: [UInt8]) -> TerminalGuard? {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else { return nil }
        // Only the guard may hold the pipe's ends: a café holding the write end would keep the guard waiting.
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let arguments = [
            Supervisor.currentExecutable, "terminal-guard", "--shell-mode", hex(bytes(of: shellMode)), "--restore",
            hex(restore),
        ]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        _ = shim_spawn_close_from(&actions, 3)  // only 0, 1 and 2 reach the child (why: CSystemShims.h)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return nil
        }
        return TerminalGuard(pipe: ends[1])
    }

    /// The show gave the terminal back itself: the guard leaves without touching it.
    public func dismiss() {
        guard let pipe else { return }
        _ = write(pipe, [UInt8(ascii: "q")], 1)
        close(pipe)
        self.pipe = nil
    }

    static func bytes(of mode: termios) -> [UInt8] {
        withUnsafeBytes(of: mode) { Array($0) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func unhex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            let pair = String(decoding: digits[index..<index + 2], as: UTF8.self)
            guard let byte = UInt8(pair, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// The guard's side (`barista terminal-guard`): waits for the show's byte or the end of its pipe on stdin, and
    /// in the second case gives the terminal back. False when the arguments are not what `start` passes.
    public static func stand(shellMode: String, restore: String) -> Bool {
        // Keys at the terminal reach the show's whole process group; the guard waits through them all.
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] { Glibc.signal(signal, SIG_IGN) }
        guard let modeBytes = unhex(shellMode), modeBytes.count == MemoryLayout<termios>.size,
            let sequence = unhex(restore)
        else { return false }
        var byte: UInt8 = 0
        var count = 0
        repeat { count = read(STDIN_FILENO, &byte, 1) } while count < 0 && errno == EINTR
        // A byte: the show gave the terminal back itself. End of file: it died without doing so.
        if count > 0 { return true }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        let fd = tty >= 0 ? tty : STDOUT_FILENO
        var mode = termios()
        withUnsafeMutableBytes(of: &mode) { $0.copyBytes(from: modeBytes) }
        tcsetattr(fd, TCSADRAIN, &mode)
        _ = sequence.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if tty >= 0 { close(tty) }
        return true
    }
}
