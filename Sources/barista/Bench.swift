import ArgumentParser
import Benchmarks
import Flags
import LoadGenerator

/// `barista bench`: the performance figures of README, measured on this machine. The measuring lives in the
/// Benchmarks library; these commands only read flags.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the cafés on loopback and print the figures README reports.",
        subcommands: [Sync.self, Async.self, Load.self, Frame.self, Kernel.self, Door.self]
    )

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark the sync café: saturation vs workers ÷ brew, and GET / with new connections.")

        @Option("How long each scenario is measured.") var duration = DurationArgument(
            .seconds(5))
        @Option("Brew time of the saturation runs.") var brew = DurationArgument(
            .milliseconds(50))

        func run() throws { try SyncBenchmark(duration: duration.duration, brew: brew.duration).run() }
    }

    struct Async: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark the async café with wrk: keep-alive hello vs bare SwiftNIO, 1,000 and 10,000 buzzers.",
            discussion: """
                Needs wrk (apt-get install -y wrk). Build with -c release for figures worth reporting. Takes about \
                six times --seconds.
                """
        )

        @Option("How long wrk drives each scenario, in seconds.") var seconds = 10
        @Option(
            ArgumentHelp(
                "Run only the scenarios whose name contains this (hello, 1000, saturation, 10000; "
                    + "loops, offload, buzzers need no wrk)."))
        var only: String?

        func run() throws {
            try OneLineError.asUsage { try AsyncBenchmark(seconds: seconds, only: only).run() }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark the load generator: schedule accuracy at a high rate, closed-loop throughput vs wrk.")

        @Option("Open-loop rate for the schedule-accuracy runs.") var rate = "5000/s"
        @Option("Length of each run.") var duration = DurationArgument(.seconds(10))
        @Option("Closed-loop customers (and wrk connections).") var customers = 50

        func run() throws {
            let parsed: Rate
            do { parsed = try Rate.parse(rate) } catch { throw ValidationError("--rate: \(error)") }
            try LoadBenchmark(rate: parsed, duration: duration.duration, customers: customers).run()
        }
    }

    struct Frame: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the dashboard's frame build (model → Canvas) at a terminal size.")

        @Option("Terminal width in columns.") var width = 200
        @Option("Terminal height in rows.") var height = 60
        @Option("Frames to build.") var frames = 2000

        func run() throws { FrameBenchmark(width: width, height: height, frames: frames).run() }
    }

    struct Kernel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the kernel's view of a server's processes and threads (/proc stat and wchan).")

        @Option("The server's pid (gunicorn's arbiter, nginx's master); default this process.")
        var pid: Int32?
        @Option("Readings to time.") var samples = 500

        func run() throws { KernelViewBenchmark(pid: pid, samples: samples).run() }
    }

    struct Door: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time reading a café's door (sock_diag against /proc/net/tcp) among many TIME_WAIT sockets.")

        @Option("TIME_WAIT sockets to leave behind first.") var leftovers = 20_000
        @Option("Readings to time with each method.") var readings = 200

        func run() throws { try DoorReadingBenchmark(leftovers: leftovers, readings: readings).run() }
    }
}
