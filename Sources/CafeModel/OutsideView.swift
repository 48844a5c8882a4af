/// A café barista did not start and cannot look inside: any HTTP server given by URL (`--sync-url`), or the real
/// gunicorn/uvicorn of `--peers python`. In the café: we stand on the pavement and watch who goes in, who comes
/// out with a cup and how long they took; the bar is behind frosted glass.
///
/// On the server: what the load generator measures (the client's view), plus, when the server listens on this
/// machine, its accept queue read from the kernel (sock_diag), not from the server. Without `/stats` the
/// workers, the event loop and the back room are unknown, and the pane says so instead of drawing zeros.
public struct OutsideView: Equatable, Sendable {
    /// Where the customers go: `http://127.0.0.1:8000/brew?ms={ms}&kind={kind}`.
    public var url: String
    /// What serves there, when barista started it: "gunicorn -w 4 (sync workers)". Nil for a server given by URL.
    public var server: String?
    /// The door comes from the kernel's table of this machine's sockets (the server listens here).
    public var doorFromKernel: Bool
    /// The server answers barista's `/stats`: the full view is drawn (a barista café started by hand).
    public var hasStats: Bool
    /// Its processes and threads as the kernel counts them, when barista started it (`--peers`).
    public var kernel: KernelProcesses?
    /// The last exception its log named (`SynchronousOnlyOperation`), when barista started it and reads its stderr.
    public var lastException: String?
    /// The workers come from the kernel's view of the server's processes (`ShowState.insideView`): what each one
    /// does is seen, not which customer it serves nor how many buzzers a loop holds.
    public var insideFromKernel: Bool
    /// The view's code, read from the app file barista started the server with (`--peers`); nil for a URL.
    public var source: ViewSource?

    public init(
        url: String, server: String? = nil, doorFromKernel: Bool, hasStats: Bool = false, insideFromKernel: Bool = false
    ) {
        self.url = url
        self.server = server
        self.doorFromKernel = doorFromKernel
        self.hasStats = hasStats
        self.insideFromKernel = insideFromKernel
    }

    /// The rows of the pane that cannot be seen from outside, in the words the pane uses.
    public var unknownRows: [String] {
        if hasStats { return [] }
        return (doorFromKernel ? [] : ["door"]) + (insideFromKernel ? [] : ["bar"])
    }

    /// The bar cannot be seen: no workers, no loop, no back room (nor the kernel's view of them).
    public var barIsUnknown: Bool { !hasStats && !insideFromKernel }

    /// The door cannot be seen: the server is on another machine and does not answer `/stats`.
    public var doorIsUnknown: Bool { !hasStats && !doorFromKernel }
}
