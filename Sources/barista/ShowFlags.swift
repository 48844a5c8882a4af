import ArgumentParser
import CafeModel
import Runner

/// The flags of the live show (`barista` with no subcommand): the scenario it opens with.
struct ShowFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Customers per second into each café (30/s, 600/m).") var rate = "30/s"
    @Option(parsing: .unconditional, help: "Brew time of every order.") var brew = DurationArgument(.milliseconds(100))
    @Option(parsing: .unconditional, help: "io (the barista waits) or cpu (the barista works) brews.") var kind =
        BrewKind.io
    @Option(parsing: .unconditional, help: "Sync café: baristas (worker threads).") var workers = 4
    @Option(
        parsing: .unconditional,
        help: "Async café: await (buzzers), block (stalls the loop) or offload (back-room helpers).")
    var handler = HandlerMode.await
    @Option(parsing: .unconditional, help: "Async café: event loops.") var loops = 1
    @Option(
        parsing: .unconditional,
        help: "Async café: how its loops share the door: shared (one queue) or reuseport (one per loop).")
    var door = DoorSharing.shared
    @Option(parsing: .unconditional, help: "Async café: back-room helper threads for offload.") var offloadThreads = 4
    @Option(parsing: .unconditional, help: "poisson (random, seeded) or constant arrivals.") var arrivals = ArrivalKind
        .poisson
    @Option(parsing: .unconditional, help: "Seed of the poisson arrivals: the same seed, the same customers.") var seed:
        UInt64 = 7
    @Option(parsing: .unconditional, help: "A customer not served this long after arriving walks out.") var patience =
        DurationArgument(.seconds(10))
    @Option(
        parsing: .unconditional,
        help: "Slow customers: this share (0-100%) send their order a few bytes at a time over --slow-for.")
    var slow = "0%"
    @Option(parsing: .unconditional, help: "How long a slow customer takes to send its whole order.") var slowFor =
        DurationArgument(.seconds(5))
    @Option(parsing: .unconditional, help: "Frames per second.") var fps = 10
    @Flag(help: "No colours (NO_COLOR is honoured too).") var noColor = false
    @Flag(help: "ASCII glyphs only (chosen by itself in a non-UTF-8 locale).") var ascii = false
    @Option(parsing: .unconditional, help: "Preferred port of the sync café (a free one is used when busy).")
    var syncPort = 8001
    @Option(parsing: .unconditional, help: "Preferred port of the async café (a free one is used when busy).")
    var asyncPort = 8002
    @Option(
        parsing: .unconditional,
        help:
            "Put any HTTP server in the sync pane instead of barista's café, seen from outside: http://host:port[/path]."
    )
    var syncURL: String?
    @Option(
        parsing: .unconditional,
        help: "Put any HTTP server in the async pane instead of barista's café, seen from outside.")
    var asyncURL: String?
    @Option(
        parsing: .unconditional,
        help:
            "Path asked of a --sync-url/--async-url without one: a template, e.g. '/sleep?ms={ms}' ({ms}, {kind}, {mode})."
    )
    var path: String?
    @Option(
        parsing: .unconditional,
        help: "Admin port answering barista's /stats for --sync-url (a barista café started by hand).")
    var syncAdminPort: Int?
    @Option(parsing: .unconditional, help: "Admin port answering barista's /stats for --async-url.")
    var asyncAdminPort: Int?
    @Option(
        parsing: .unconditional,
        help:
            "Real peers instead of barista's cafés: 'python' runs gunicorn (sync workers) and uvicorn on Lessons/python; 'django' runs the seed's commands on the Django project of Lessons/python/django."
    )
    var peers: String?
    @Option(
        parsing: .unconditional,
        help:
            "The Python with gunicorn and uvicorn (and Django) for --peers (default: $BARISTA_PYTHON, ./.venv/bin/python, python3)."
    )
    var python: String?
    @Option(
        parsing: .unconditional,
        help: "The folder of wsgi_app.py and asgi_app.py for --peers python (default: python/ of the lessons folder).")
    var peerApps: String?
    @Option(
        parsing: .unconditional,
        help: "Put the real nginx in front of the sync side: 'nginx' (it reads every order whole first) or 'none'.")
    var proxy = SyncProxy.none
    @Option(
        parsing: .unconditional, help: "The nginx binary for --proxy nginx (default: nginx on PATH or in /usr/sbin).")
    var nginx: String?
    @Option(
        name: .customLong("static"), parsing: .unconditional,
        help: "With --proxy nginx: this share (0-100%) of the customers ask nginx for /static/menu.css, not a cup.")
    var staticShare = "0%"
    @Option(
        name: .customLong("lesson"), parsing: .unconditional,
        help: "Play a guided lesson around the show (barista lessons lists them).")
    var lessonName: String?

    func validate() throws {
        _ = try showOptions()
    }

    /// How the show opens: the scene, the ports, and which sides are outside servers; `validate()` has checked it.
    func showOptions() throws -> ShowOptions {
        do {
            return try ShowOptions.reading(
                rate: rate, brew: brew.duration, kind: kind, workers: workers, handler: handler, loops: loops,
                door: door, offloadThreads: offloadThreads, arrivals: arrivals, seed: seed, patience: patience.duration,
                slow: slow, slowFor: slowFor.duration, fps: fps, syncPort: syncPort, asyncPort: asyncPort,
                syncURL: syncURL, asyncURL: asyncURL, path: path, syncAdminPort: syncAdminPort,
                asyncAdminPort: asyncAdminPort, peers: peers, python: python, peerApps: peerApps, proxy: proxy,
                nginx: nginx, staticShare: staticShare)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
