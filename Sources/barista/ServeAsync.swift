import ArgumentParser
import AsyncServer
import CafeHTTP
import CafeModel
import Flags
import Runner

/// `barista serve async`: uvicorn's model on SwiftNIO event loops.
struct ServeAsync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "async",
        abstract: "The async café: event loops handing out buzzers, so one barista serves many waiting customers.",
        discussion: """
            Prints one JSON ready line on stdout, logs on stderr. GET /stats, /metrics and POST /control \
            (handler=await|block|offload, offload-threads=N, reset=1) on the admin port. Keep-alive is on \
            (HTTP/1.1); SIGTERM closes: new orders get 503, brews in progress finish within \
            --graceful-timeout, then it exits.
            """
    )

    @OptionGroup var common: CommonServeOptions
    @Option("Baristas: event loops (threads), each taking customers in from the door while it is free.") var loops = 1
    @Option(
        ArgumentHelp(
            "How the loops share the door: shared (one queue, each free loop takes customers in) or reuseport "
                + "(one queue per loop, SO_REUSEPORT). Fixed at start."))
    var door = "shared"
    @Option("How an I/O brew is served: await (a timer), block (stalls the loop) or offload (a helper thread).")
    var handler = "await"
    @Option("Back-room helpers: threads that run blocking brews in offload mode.")
    var offloadThreads = 4
    @Option("Beyond this many requests in progress, answer 503 at once (uvicorn --limit-concurrency).")
    var limitConcurrency: Int?

    func validate() throws {
        try OneLineError.asUsage {
            // The handler is a name until here; checked with the same words as `/control`'s handler=.
            _ = try CafeLimits.handler("--handler", handler)
            _ = try CafeLimits.door("--door", door)
            try configuration.validate()
        }
    }

    /// The café these flags ask for; `validate()` has checked it before `run()`.
    private var configuration: AsyncCafeConfiguration {
        var configuration = AsyncCafeConfiguration()
        common.apply(to: &configuration, defaultPort: 8002)
        configuration.loops = loops
        configuration.door = DoorSharing(rawValue: door) ?? .shared
        configuration.handler = HandlerMode(rawValue: handler) ?? .await
        configuration.offloadThreads = offloadThreads
        configuration.limitConcurrency = limitConcurrency
        return configuration
    }

    func run() throws {
        let signals = ServeProcess.prepare(host: common.host, adminHost: common.adminHost)
        let configuration = self.configuration
        let cafe = ServeProcess.open { () throws(ServeError) in try AsyncCafe(configuration: configuration) }
        ServeProcess.announceReady(
            cafe: .async, host: common.host, port: cafe.port, adminHost: common.adminHost, adminPort: cafe.adminPort)
        signals.wait { signal in
            switch signal {
            // SIGTTIN / SIGTTOU change the sync café's workers; the async café's loops are fixed at start.
            case .addWorker, .removeWorker: ServeProcess.warn("the async café ignores SIGTTIN/SIGTTOU")
            case .stop: cafe.shutdown()
            }
        }
    }
}
