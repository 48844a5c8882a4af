import ArgumentParser
import CafeHTTP
import Flags
import Foundation

/// `barista`: the command-line face of the two cafés.
@main
struct Barista: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barista",
        abstract: "See how sync and async web servers behave under load: two real cafés, the same customers.",
        discussion: """
            With no subcommand, barista runs the live show: a sync café (a blocking server with a fixed pool of \
            worker threads, like gunicorn's sync workers) and an async café (an event loop, like uvicorn) get the \
            same customers, side by side. Run one café alone with 'barista serve sync' and order a cup with \
            curl 'http://127.0.0.1:8001/brew?ms=100'.
            """,
        subcommands: [
            ShowCommand.self, Serve.self, Load.self, LessonCommand.self, LessonsCommand.self, DemoCommand.self,
            Bench.self,
            PeerGuardCommand.self, TerminalGuardCommand.self,
        ],
        defaultSubcommand: ShowCommand.self
    )

    /// Usage errors (a bad flag or value) print as one line and exit with code 2, as DESIGN.md asks;
    /// ArgumentParser's own default is a usage block and code 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad arguments"
                StderrLog.barista(line)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

}
