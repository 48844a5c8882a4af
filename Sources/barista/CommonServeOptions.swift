import ArgumentParser

/// The flags both cafés share, with the same meanings.
struct CommonServeOptions: ParsableArguments {
    @Option(help: "Address to listen on. Anything but 127.0.0.1 opens the café to your network.")
    var host = "127.0.0.1"
    @Option(help: "Port for customers (0 picks a free one). Default: 8001 sync, 8002 async.")
    var port: Int?
    @Option(help: "Listen backlog: how many customers the door holds.") var backlog = 2048
    @Option(help: "Port of /stats, /metrics and /control (0 picks a free one).") var adminPort = 0
    @Option(help: "A client that sends no complete request head within this gets 408.")
    var headerTimeout = DurationArgument(.seconds(10))

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard (0...65535).contains(adminPort) else {
            throw ValidationError("--admin-port must be from 0 to 65535, not \(adminPort)")
        }
        guard backlog >= 1 else { throw ValidationError("--backlog must be at least 1, not \(backlog)") }
        guard headerTimeout.duration > .zero else { throw ValidationError("--header-timeout must be above 0") }
    }
}
