import ArgumentParser
import CafeModel
import Flags
import Runner

/// `barista peer-guard -- python -m gunicorn …`: the doorman barista puts beside a real Python café (`--peers
/// python`) so that it never outlives the show; the guarding itself is `PeerGuard` in Runner.
struct PeerGuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer-guard",
        abstract: "Run a Python café for the show and end its whole process group with the show (internal).",
        shouldDisplay: false)

    @Option("How long the command gets to stop on SIGTERM before its group is killed.")
    var grace = DurationArgument(.milliseconds(1500))
    @Option("How long to wait for the command to say where it listens and answer GET /.")
    var readyTimeout = DurationArgument(.seconds(20))
    @Option("The folder to run the command in (where its app module is).") var directory: String?
    @Option("Which café the command is, for the ready line: sync or async.") var cafe =
        CafeKind.sync
    @Option("The port the command listens on, when known in advance (nginx).")
    var port: Int?
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments, after --.")
    var command: [String] = []

    func run() throws {
        let command = self.command.first == "--" ? Array(self.command.dropFirst()) : self.command
        guard !command.isEmpty else { throw ValidationError("give the command to guard after --") }
        PeerGuard.run(
            command, directory: directory, cafe: cafe, knownPort: port, grace: grace.duration,
            readyTimeout: readyTimeout.duration)
    }
}
