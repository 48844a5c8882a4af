import ArgumentParser
import CafeHTTP
import CafeModel
import Flags
import Runner
import SyncServer

/// `barista serve sync`: the gunicorn sync-worker model on POSIX sockets.
struct ServeSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "The sync café: N worker threads, each blocked by the machine until its cup is done.",
        discussion: """
            Prints one JSON ready line on stdout, logs on stderr. GET /stats, /metrics and POST /control \
            (workers=N) on the admin port. SIGTTIN / SIGTTOU add / remove a worker; SIGTERM closes: new \
            orders get 503, brews in progress finish within --graceful-timeout, then it exits.
            """
    )

    @OptionGroup var common: CommonServeOptions
    @Option("Baristas: worker threads, each serving one customer at a time.")
    var workers = 4
    @Option("Kill and replace a worker busy longer than this (gunicorn --timeout); above 0.")
    var timeout = DurationArgument(.seconds(30))

    func validate() throws {
        try OneLineError.asUsage { try configuration.validate() }
    }

    /// The café these flags ask for; `validate()` has checked it before `run()`.
    private var configuration: SyncCafeConfiguration {
        var configuration = SyncCafeConfiguration()
        common.apply(to: &configuration, defaultPort: 8001)
        configuration.workers = workers
        configuration.timeout = timeout.duration
        return configuration
    }

    func run() throws {
        let signals = ServeProcess.prepare(host: common.host, adminHost: common.adminHost)
        let configuration = self.configuration
        let cafe = ServeProcess.open { () throws(ServeError) in try SyncCafe(configuration: configuration) }
        ServeProcess.announceReady(
            cafe: .sync, host: common.host, port: cafe.port, adminHost: common.adminHost, adminPort: cafe.adminPort)
        signals.wait { signal in
            switch signal {
            case .addWorker: cafe.addWorker()
            case .removeWorker: cafe.removeWorker()
            case .stop: cafe.shutdown()
            }
        }
    }
}
