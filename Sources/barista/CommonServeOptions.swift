import ArgumentParser

/// The flags both cafés share, with the same meanings.
struct CommonServeOptions: ParsableArguments {
    @Option(help: "Address to listen on. Anything but 127.0.0.1 opens the café to your network.")
    var host = "127.0.0.1"
    // `.unconditional` numbers: a negative value is read as a value and refused as negative, rather than
    // taken for a flag ("Missing value").
    @Option(parsing: .unconditional, help: "Port for customers (0 picks a free one). Default: 8001 sync, 8002 async.")
    var port: Int?
    @Option(parsing: .unconditional, help: "Listen backlog: how many customers the door holds.") var backlog = 2048
    @Option(parsing: .unconditional, help: "Port of /stats, /metrics and /control (0 picks a free one).") var adminPort = 0
    @Option(help: "Address of the admin port. It stays on 127.0.0.1 whatever --host is, unless set here.")
    var adminHost = "127.0.0.1"
    @Option(help: "Lets /control obey peers beyond loopback that send 'Authorization: Bearer TOKEN'.")
    var adminToken: String?
    @Option(help: "A client that sends no complete request head within this gets 408.")
    var headerTimeout = DurationArgument(.seconds(10))

    func validate() throws {
        for (flag, value) in [("--port", port), ("--admin-port", adminPort), ("--backlog", backlog)] {
            try Self.refuseNegative(flag, value)
        }
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard (0...65535).contains(adminPort) else {
            throw ValidationError("--admin-port must be from 0 to 65535, not \(adminPort)")
        }
        if let adminToken, adminToken.isEmpty { throw ValidationError("--admin-token must not be empty") }
        guard backlog >= 1 else { throw ValidationError("--backlog must be at least 1, not \(backlog)") }
        guard headerTimeout.duration > .zero else { throw ValidationError("--header-timeout must be above 0") }
    }

    /// "--workers is negative (-3)": said plainly, before any range check.
    static func refuseNegative(_ flag: String, _ value: Int?) throws {
        if let value, value < 0 { throw ValidationError("\(flag) is negative (\(value)); it counts something, so it must be 0 or more") }
    }
}
