import ArgumentParser
import Foundation

/// `barista`: the command-line face of the two cafés.
@main
struct Barista: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barista",
        abstract: "See how sync and async web servers behave under load: two real cafés, the same customers.",
        discussion: """
            The sync café is a blocking HTTP server with a fixed pool of worker threads (gunicorn's sync
            workers); the async café is an event-loop server (uvicorn's model). Run either one alone and order
            a cup with curl:  barista serve sync   then   curl 'http://127.0.0.1:8001/brew?ms=100'
            """,
        subcommands: [Serve.self, Bench.self]
    )

    /// Runs the command; a usage error prints one line and exits with code 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data("Error: \(message(for: error))\n".utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    mutating func run() throws {
        // Until the live show exists, barista with no arguments explains itself.
        print(Barista.helpMessage())
    }
}
