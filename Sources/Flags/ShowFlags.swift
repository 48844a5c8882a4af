import ArgumentParser
import CafeModel
import Runner

/// The flags of the live show (`barista` with no subcommand): the scenario it opens with.
public struct ShowFlags: ParsableArguments {
    public init() {}

    @Option("Customers per second into each café (30/s, 600/m).") public var rate = "30/s"
    @Option("Brew time of every order.") public var brew = DurationArgument(.milliseconds(100))
    @Option("io (the barista waits) or cpu (the barista works) brews.") public var kind =
        BrewKind.io
    @Option("Sync café: baristas (worker threads).") public var workers = 4
    @Option("Async café: await (buzzers), block (stalls the loop) or offload (back-room helpers).")
    public var handler = HandlerMode.await
    @Option("Async café: event loops.") public var loops = 1
    @Option("Async café: how its loops share the door: shared (one queue) or reuseport (one per loop).")
    public var door = DoorSharing.shared
    @Option("Async café: back-room helper threads for offload.") public var offloadThreads = 4
    @Option("poisson (random, seeded) or constant arrivals.") public var arrivals = ArrivalKind
        .poisson
    @Option("Seed of the poisson arrivals: the same seed, the same customers.") public var seed: UInt64 = 7
    @Option("A customer not served this long after arriving walks out.") public var patience =
        DurationArgument(.seconds(10))
    @Option("Slow customers: this share (0-100%) send their order a few bytes at a time over --slow-for.")
    public var slow = "0%"
    @Option("How long a slow customer takes to send its whole order.") public var slowFor =
        DurationArgument(.seconds(5))
    @Option("Frames per second.") public var fps = 10
    @Flag(help: "No colours (NO_COLOR is honoured too).") public var noColor = false
    @Flag(help: "ASCII glyphs only (chosen by itself in a non-UTF-8 locale).") public var ascii = false
    @Option("Preferred port of the sync café (a free one is used when busy).")
    public var syncPort = 8001
    @Option("Preferred port of the async café (a free one is used when busy).")
    public var asyncPort = 8002
    @Option(
        "Put any HTTP server in the sync pane instead of barista's café, seen from outside: http://host:port[/path].")
    public var syncURL: String?
    @Option("Put any HTTP server in the async pane instead of barista's café, seen from outside.")
    public var asyncURL: String?
    @Option(
        "Path asked of a --sync-url/--async-url without one: a template, e.g. '/sleep?ms={ms}' ({ms}, {kind}, {mode}).")
    public var path: String?
    @Option("Admin port answering barista's /stats for --sync-url (a barista café started by hand).")
    public var syncAdminPort: Int?
    @Option("Admin port answering barista's /stats for --async-url.")
    public var asyncAdminPort: Int?
    @Option(
        "Real peers instead of barista's cafés: 'python' runs gunicorn (sync workers) and uvicorn on Lessons/python; 'django' runs the seed's commands on the Django project of Lessons/python/django."
    )
    public var peers: String?
    @Option(
        "The Python with gunicorn and uvicorn (and Django) for --peers (default: $BARISTA_PYTHON, ./.venv/bin/python, python3)."
    )
    public var python: String?
    @Option("The folder of wsgi_app.py and asgi_app.py for --peers python (default: python/ of the lessons folder).")
    public var peerApps: String?
    @Option("Put the real nginx in front of the sync side: 'nginx' (it reads every order whole first) or 'none'.")
    public var proxy = SyncProxy.none
    @Option("The nginx binary for --proxy nginx (default: nginx on PATH or in /usr/sbin).")
    public var nginx: String?
    @Option(
        name: .customLong("static"), parsing: .unconditional,
        help: "With --proxy nginx: this share (0-100%) of the customers ask nginx for /static/menu.css, not a cup.")
    public var staticShare = "0%"
    @Option(
        name: .customLong("lesson"), parsing: .unconditional,
        help: "Play a guided lesson around the show (barista lessons lists them).")
    public var lessonName: String?

    public func validate() throws {
        _ = try showOptions()
    }

    /// How the show opens: the scene, the ports, and which sides are outside servers; `validate()` has checked it.
    public func showOptions() throws -> ShowOptions {
        try OneLineError.asUsage {
            try ShowOptions.reading(
                rate: rate, brew: brew.duration, kind: kind, workers: workers, handler: handler, loops: loops,
                door: door, offloadThreads: offloadThreads, arrivals: arrivals, seed: seed, patience: patience.duration,
                slow: slow, slowFor: slowFor.duration, fps: fps, syncPort: syncPort, asyncPort: asyncPort,
                syncURL: syncURL, asyncURL: asyncURL, path: path, syncAdminPort: syncAdminPort,
                asyncAdminPort: asyncAdminPort, peers: peers, python: python, peerApps: peerApps, proxy: proxy,
                nginx: nginx, staticShare: staticShare)
        }
    }
}
