import ArgumentParser
import Flags

/// `barista serve sync|async`: run one café alone, in the foreground.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one café: a real HTTP/1.1 server you can order from with curl, wrk or a browser.",
        subcommands: [ServeSync.self, ServeAsync.self]
    )
}
