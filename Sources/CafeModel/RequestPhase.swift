/// Where one request in progress is, in café words and server words.
public enum RequestPhase: String, Codable, Sendable, CaseIterable {
    /// Reading the order: the request line and headers are arriving.
    case parsing
    /// A sync barista stands by the machine: the worker thread is blocked in an I/O wait.
    case blocked
    /// Someone is working on the cup with a CPU (a spinning brew).
    case running
    /// The customer holds a buzzer: an awaited timer, nobody blocked.
    case awaiting
    /// The async barista is staring at the machine: the event loop thread itself is blocked.
    case blockingLoop = "blocking-loop"
    /// Waiting for a free back-room helper (offload thread pool is full).
    case waitingForHelper = "waiting-for-helper"
    /// The cup is being handed over: the response is being written.
    case writing
}

/// What one server thread is doing: a sync worker, or an async event loop.
public enum ThreadState: String, Codable, Sendable, CaseIterable {
    case idle
    case blocked
    case running
    /// A sync barista reads an order that has not fully arrived: the worker thread waits in `recv` for the rest
    /// of the request head (a slow customer, Slowloris). It serves nobody else until the head is complete or
    /// `--header-timeout` (408) ends it.
    case reading
}
