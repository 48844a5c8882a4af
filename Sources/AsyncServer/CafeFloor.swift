import CafeHTTP
import CafeModel
import NIOCore
import Synchronization

/// What every connection of the async café shares: the live handler mode, the back room, the count of
/// requests in progress (for `--limit-concurrency`) and the ready-made hello page.
///
/// Everything here is read on the serving loops for each request, so it is atomics and immutable values;
/// only `/control` (on the admin thread) writes.
final class CafeFloor: Sendable {
    let configuration: AsyncCafeConfiguration
    let port: Int
    let room: OffloadRoom
    /// SIGTERM: new orders answered 503, the cups in progress finished within the grace.
    let closingTime = ClosingTime()
    private let mode: Atomic<UInt8>
    /// Brews in progress, always counted, so a limit set live (`/control`) counts the ones already brewing.
    private let inFlight = Atomic<Int>(0)
    /// `--limit-concurrency`, 0 for none; `/control` may change it while the café runs.
    private let limit: Atomic<Int>
    /// The hello page per handler mode, as bytes: index `mode * 4 + (keepAlive ? 2 : 0) + (headOnly ? 1 : 0)`.
    /// Built once, because `GET /` is the benchmark of how cheap the café's own bookkeeping is.
    private let helloPages: [ByteBuffer]

    init(configuration: AsyncCafeConfiguration, port: Int) {
        self.configuration = configuration
        self.port = port
        room = OffloadRoom(helpers: configuration.offloadThreads)
        mode = Atomic(Self.code(configuration.handler))
        limit = Atomic(configuration.limitConcurrency ?? 0)
        var pages: [ByteBuffer] = []
        for handler in HandlerMode.allCases {
            let hello = Response.hello(
                cafe: .async, description: Self.describe(loops: configuration.loops, handler: handler),
                host: configuration.host, port: port)
            for keepAlive in [false, true] {
                for headOnly in [false, true] {
                    pages.append(ByteBuffer(bytes: hello.serialized(keepAlive: keepAlive, headOnly: headOnly)))
                }
            }
        }
        helloPages = pages
    }

    var handler: HandlerMode {
        get { HandlerMode.allCases[Int(mode.load(ordering: .relaxed))] }
        set { mode.store(Self.code(newValue), ordering: .relaxed) }
    }

    func helloPage(keepAlive: Bool, headOnly: Bool) -> ByteBuffer {
        helloPages[Int(mode.load(ordering: .relaxed)) * 4 + (keepAlive ? 2 : 0) + (headOnly ? 1 : 0)]
    }

    // MARK: - --limit-concurrency

    /// The most requests in progress before 503 at once (uvicorn `--limit-concurrency`); nil for no limit.
    var limitConcurrency: Int? {
        get { let value = limit.load(ordering: .relaxed); return value > 0 ? value : nil }
        set { limit.store(newValue ?? 0, ordering: .relaxed) }
    }

    /// True when the café is at its concurrency limit: a request that brews nothing (the hello page, a
    /// refusal) gets 503 at once. A brew claims its place with `tryEnter` instead.
    var isFull: Bool {
        guard let limit = limitConcurrency else { return false }
        return inFlight.load(ordering: .relaxed) >= limit
    }

    /// Claims a place for one brew, or returns false at the limit. Checking and claiming are one atomic step
    /// (a compare-and-exchange), so loops racing for the last place cannot both win it.
    func tryEnter() -> Bool {
        let limit = limitConcurrency ?? .max
        var current = inFlight.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = inFlight.weakCompareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// A brew admitted by `tryEnter` ends.
    func leave() { inFlight.wrappingSubtract(1, ordering: .relaxed) }

    /// Brews in progress (not orders still arriving): what closing time waits for.
    var cupsInProgress: Int { inFlight.load(ordering: .relaxed) }

    // MARK: - Words

    static func describe(loops: Int, handler: HandlerMode) -> String {
        let baristas = loops == 1 ? "1 barista (event loop)" : "\(loops) baristas (event loops)"
        switch handler {
        case .await: return "\(baristas) handing out buzzers: nobody waits standing (await)."
        case .block where loops > 1:
            return "\(baristas) staring at the machine: a blocked loop's customers wait, a free loop takes newcomers."
        case .block: return "\(baristas) staring at the machine: everyone waits (a blocking call on the loop)."
        case .offload: return "\(baristas) passing cups to back-room helpers (offload to a thread pool)."
        }
    }

    private static func code(_ mode: HandlerMode) -> UInt8 {
        UInt8(HandlerMode.allCases.firstIndex(of: mode)!)
    }
}
