import CafeModel
import Synchronization

/// A café closing down on SIGTERM, as gunicorn and uvicorn do: no new orders (they hear `503` with
/// `Connection: close`), the cups in progress finished within the grace (`--graceful-timeout`, gunicorn's 30 s by
/// default), whatever is still brewing after it answered `503` too. Both cafés keep one; `/stats` shows it.
public final class ClosingTime: Sendable {
    private struct State {
        var grace: Duration
        var began: ContinuousClock.Instant
        var over = false
    }

    private let state = Mutex<State?>(nil)
    /// `isClosing` without the lock: asked for every order on the serving loops.
    private let closing = Atomic<Bool>(false)
    /// Cups answered 503 because the grace ran out, counted by whoever sends the answer.
    private let cutShort = Atomic<Int>(0)

    public init() {}

    /// Closing starts now: says so in one line on `log`, with how many cups are in progress (no `log` for a café
    /// that never opened). False when it had already started.
    @discardableResult
    public func begin(grace: Duration, cupsInProgress: Int, log: StderrLog?) -> Bool {
        let started = state.withLock { state in
            guard state == nil else { return false }
            state = State(grace: grace, began: .now)
            return true
        }
        closing.store(true, ordering: .releasing)
        if started { log?(Self.line(cups: cupsInProgress, grace: grace)) }
        return started
    }

    /// "closing: 12 cups in progress, waiting up to 30 s".
    public static func line(cups: Int, grace: Duration) -> String {
        guard cups > 0 else { return "closing: no cups in progress" }
        return "closing: \(cups) cup\(cups == 1 ? "" : "s") in progress, waiting up to \(words(grace))"
    }

    /// "closed: 3 cups not done within the grace answered 503".
    public static func closedLine(unfinished: Int) -> String {
        "closed: \(unfinished) cup\(unfinished == 1 ? "" : "s") not done within the grace answered 503"
    }

    /// "30 s", "1.5 s", "500 ms": the grace as the log says it.
    static func words(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded())) ms" }
        let tenths = (milliseconds / 100).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }

    /// True from SIGTERM on: a new order is answered 503.
    public var isClosing: Bool { closing.load(ordering: .acquiring) }

    /// True once the grace has run out (or `endGrace()` was called): a cup still brewing is answered 503.
    public var graceIsOver: Bool {
        state.withLock { state in
            guard let state else { return false }
            return state.over || state.began.duration(to: .now) >= state.grace
        }
    }

    /// When the grace runs out; nil while open.
    public var deadline: ContinuousClock.Instant? { state.withLock { $0.map { $0.began.advanced(by: $0.grace) } } }

    /// A cup still brewing when the grace ran out was answered 503 (the barista who sends it says so).
    public func cupCutShort() { cutShort.add(1, ordering: .relaxed) }

    /// How many cups were answered 503 because the grace ran out.
    public var cupsCutShort: Int { cutShort.load(ordering: .relaxed) }

    /// Every cup is done (or the grace ran out): what still brews is cut short.
    public func endGrace() { state.withLock { $0?.over = true } }

    /// For `/stats`: the grace and what is left of it; nil while open.
    public var stats: ServerStats.Closing? {
        state.withLock { state in
            guard let state else { return nil }
            let left = state.over ? .zero : max(.zero, state.grace - state.began.duration(to: .now))
            return ServerStats.Closing(graceMs: state.grace.milliseconds, leftMs: left.milliseconds)
        }
    }

    /// The answer to an order that comes, or is still brewing, at closing time.
    public static let newOrderReason = "the café is closing and takes no new orders; try again elsewhere"
    public static let unfinishedReason = "the café closed before this cup was done (its grace ran out)"
}
