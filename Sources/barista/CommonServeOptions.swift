import ArgumentParser
import CafeHTTP

/// The flags both cafés share, with the same meanings; checked by the café's configuration, not here.
struct CommonServeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "Address to listen on (IPv4 or IPv6). Anything but loopback opens the café to your network.")
    var host = "127.0.0.1"
    // `.unconditional` numbers: a negative value is read as a value and refused as negative, rather than
    // taken for a flag ("Missing value").
    @Option(parsing: .unconditional, help: "Port for customers (0 picks a free one). Default: 8001 sync, 8002 async.")
    var port: Int?
    @Option(parsing: .unconditional, help: "Listen backlog: how many customers the door holds.") var backlog = 2048
    @Option(parsing: .unconditional, help: "Port of /stats, /metrics and /control (0 picks a free one).")
    var adminPort = 0
    @Option(
        parsing: .unconditional,
        help: "Address of the admin port. It stays on 127.0.0.1 whatever --host is, unless set here.")
    var adminHost = "127.0.0.1"
    @Option(
        parsing: .unconditional,
        help: "Lets /control obey peers beyond loopback that send 'Authorization: Bearer TOKEN'.")
    var adminToken: String?
    @Option(parsing: .unconditional, help: "A client that sends no complete request head within this gets 408.")
    var headerTimeout = DurationArgument(.seconds(10))
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "On SIGTERM, how long the cups in progress have to finish; later ones get 503 "
                + "(gunicorn's --graceful-timeout)."))
    var gracefulTimeout = DurationArgument(.seconds(30))

    /// Copies the door's flags into a café's configuration; `defaultPort` when `--port` was not given.
    func apply(to configuration: inout some CafeConfiguration, defaultPort: Int) {
        configuration.host = host
        configuration.port = port ?? defaultPort
        configuration.backlog = backlog
        configuration.headerTimeout = headerTimeout.duration
        configuration.adminPort = adminPort
        configuration.adminHost = adminHost
        configuration.adminToken = adminToken
        configuration.shutdownGrace = gracefulTimeout.duration
    }
}
