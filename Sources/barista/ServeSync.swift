import ArgumentParser
import CafeModel
import CafeHTTP
import SyncServer

/// `barista serve sync`: the gunicorn sync-worker model on POSIX sockets.
struct ServeSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "The sync café: N worker threads, each blocked by the machine until its cup is done.",
        discussion: """
            Prints one JSON ready line on stdout, logs on stderr. GET /stats, /metrics and POST /control \
            (workers=N) on the admin port. SIGTTIN / SIGTTOU add / remove a worker; SIGTERM lets brews \
            finish (2 s at most) and exits.
            """
    )

    @OptionGroup var common: CommonServeOptions
    @Option(parsing: .unconditional, help: "Baristas: worker threads, each serving one customer at a time.") var workers = 4
    @Option(help: "Kill and replace a worker busy longer than this (gunicorn --timeout).")
    var timeout = DurationArgument(.seconds(30))

    func validate() throws {
        try CommonServeOptions.refuseNegative("--workers", workers)
        guard (1...SyncCafeConfiguration.maximumWorkers).contains(workers) else {
            throw ValidationError("--workers must be from 1 to \(SyncCafeConfiguration.maximumWorkers), not \(workers)")
        }
        try common.validate()
    }

    func run() throws {
        let signals = ServeProcess.prepare(host: common.host, adminHost: common.adminHost)
        var configuration = SyncCafeConfiguration()
        configuration.host = common.host
        configuration.port = common.port ?? 8001
        configuration.workers = workers
        configuration.backlog = common.backlog
        configuration.timeout = timeout.duration
        configuration.headerTimeout = common.headerTimeout.duration
        configuration.adminPort = common.adminPort
        configuration.adminHost = common.adminHost
        configuration.adminToken = common.adminToken
        let cafe = ServeProcess.open { () throws(ServeError) in try SyncCafe(configuration: configuration) }
        ServeProcess.announceReady(cafe: .sync, port: cafe.port, adminPort: cafe.adminPort)
        signals.wait { signal in
            switch signal {
            case .addWorker: cafe.addWorker()
            case .removeWorker: cafe.removeWorker()
            case .stop: cafe.shutdown()
            }
        }
    }
}
