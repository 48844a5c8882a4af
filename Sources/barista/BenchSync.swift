import ArgumentParser

struct BenchSync: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Benchmark the sync café.")
    func run() throws {}
}
