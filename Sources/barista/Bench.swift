import ArgumentParser

/// `barista bench`: the performance figures of README, measured on this machine.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the cafés on loopback and print the figures README reports.",
        subcommands: [BenchSync.self, BenchAsync.self, BenchLoad.self, BenchFrame.self]
    )
}
