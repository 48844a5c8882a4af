/// nginx in front of the sync side (`--proxy nginx`), as the pane draws it: its own door from the kernel, its
/// connections by state from its `stub_status` page, its workers from the kernel. In the café: the host at the door
/// who hears each customer's whole order before a barista is called.
public struct FrontView: Equatable, Sendable {
    /// Connections nginx holds by state (`stub_status`): reading a request (a slow customer still ordering), writing
    /// (sending a response, which includes waiting for the café), waiting (idle keep-alive). Nil before the status
    /// page first answers.
    public struct Connections: Equatable, Sendable {
        public var active: Int
        public var reading: Int
        public var writing: Int
        public var waiting: Int
        /// Requests nginx has handled since it started.
        public var requests: Int

        public init(active: Int, reading: Int, writing: Int, waiting: Int, requests: Int) {
            self.active = active
            self.reading = reading
            self.writing = writing
            self.waiting = waiting
            self.requests = requests
        }
    }

    /// The customers who asked nginx for the static file (`--static`), as they saw it: nginx answers them from
    /// disk, without the café.
    public struct StaticFiles: Equatable, Sendable {
        /// Files handed over (2xx).
        public var served: Int
        public var servedPerSecond: Double
        /// Waits over the last few seconds, from the planned arrival; nil before the first answer.
        public var p50Ms: Double?
        public var p99Ms: Double?
        /// Customers who got no file (any error or non-2xx).
        public var failed: Int

        public init(served: Int, servedPerSecond: Double, p50Ms: Double? = nil, p99Ms: Double? = nil, failed: Int = 0) {
            self.served = served
            self.servedPerSecond = servedPerSecond
            self.p50Ms = p50Ms
            self.p99Ms = p99Ms
            self.failed = failed
        }
    }

    public var connections: Connections?
    /// Nil while nobody asks for static files.
    public var staticFiles: StaticFiles?
    /// nginx's accept queue from the kernel's socket table.
    public var doorQueue: Int?
    /// nginx's processes from the kernel: the master and its workers.
    public var inside: InsideView?

    public init(
        connections: Connections? = nil, doorQueue: Int? = nil, inside: InsideView? = nil,
        staticFiles: StaticFiles? = nil
    ) {
        self.connections = connections
        self.staticFiles = staticFiles
        self.doorQueue = doorQueue
        self.inside = inside
    }

    /// Reads nginx's `stub_status` page:
    ///
    ///     Active connections: 3
    ///     server accepts handled requests
    ///      17 17 21
    ///     Reading: 1 Writing: 2 Waiting: 0
    public static func parseStubStatus(_ text: String) -> Connections? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        func after(_ label: String, by offset: Int = 1) -> Int? {
            guard let index = words.firstIndex(of: label), index + offset < words.count else { return nil }
            return Int(words[index + offset])
        }
        guard let active = after("connections:"), let reading = after("Reading:"), let writing = after("Writing:"),
            let waiting = after("Waiting:"), let requests = after("requests", by: 3)
        else { return nil }
        return Connections(active: active, reading: reading, writing: writing, waiting: waiting, requests: requests)
    }
}
