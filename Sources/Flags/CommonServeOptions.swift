import ArgumentParser
import CafeHTTP

/// The flags both cafés share, with the same meanings; checked by the café's configuration, not here.
public struct CommonServeOptions: ParsableArguments {
    public init() {}

    @Option("Address to listen on (IPv4 or IPv6). Anything but loopback opens the café to your network.")
    public var host = "127.0.0.1"
    // `.unconditional` numbers: a negative value is read as a value and refused as negative, rather than
    // taken for a flag ("Missing value").
    @Option("Port for customers (0 picks a free one). Default: 8001 sync, 8002 async.")
    public var port: Int?
    @Option("Listen backlog: how many customers the door holds.") public var backlog = 2048
    @Option("Port of /stats, /metrics and /control (0 picks a free one).")
    public var adminPort = 0
    @Option("Address of the admin port. It stays on 127.0.0.1 whatever --host is, unless set here.")
    public var adminHost = "127.0.0.1"
    @Option("Lets /control obey peers beyond loopback that send 'Authorization: Bearer TOKEN'.")
    public var adminToken: String?
    @Option("A client that sends no complete request head within this gets 408.")
    public var headerTimeout = DurationArgument(.seconds(10))
    @Option(
        ArgumentHelp(
            "On SIGTERM, how long the cups in progress have to finish; later ones get 503 "
                + "(gunicorn's --graceful-timeout)."))
    public var gracefulTimeout = DurationArgument(.seconds(30))

    /// Copies the door's flags into a café's configuration; `defaultPort` when `--port` was not given.
    public func apply(to configuration: inout some CafeConfiguration, defaultPort: Int) {
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
