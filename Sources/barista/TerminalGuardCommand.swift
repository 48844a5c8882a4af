import ArgumentParser
import Flags
import Runner

/// `barista terminal-guard --shell-mode HEX --restore HEX`: the guard's side (internal).
struct TerminalGuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-guard",
        abstract: "Give the terminal back if the show is killed (internal).", shouldDisplay: false)

    @Option(help: "The tty settings to put back (a termios, in hex).") var shellMode: String
    @Option(help: "The terminal's restore strings (in hex).") var restore: String

    func run() throws {
        guard TerminalGuard.stand(shellMode: shellMode, restore: restore) else { throw ExitCode(2) }
    }
}
