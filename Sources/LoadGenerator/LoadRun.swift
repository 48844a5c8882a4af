import CafeModel
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A day of customers at one or more cafés: the same customers, at the same planned instants, to each.
///
/// On the load generator: an open-loop (or closed-loop) HTTP/1.1 load on one SwiftNIO event loop, with
/// coordinated-omission-free latency. The live show drives it: `start()`, `pause()`, `resume()`,
/// `update(plan:)` to change the rate, arrivals or order without restarting, `stop()`, and `snapshot()`
/// 10-20 times a second. Results are published in batches every 50 ms, never one message per request.
public final class LoadRun: Sendable {
    public let targets: [LoadTarget]
    private let group: MultiThreadedEventLoopGroup?
    private let loop: EventLoop
    private let engine: NIOLoopBound<LoadEngine>
    private let latest: SnapshotBoard
    private let done: EventLoopPromise<Void>

    /// Prepares a run; resolves every host now, so a bad name fails here, not mid-run. Pass a loop to share
    /// one; otherwise the run has its own thread, stopped when the run is released.
    public init(targets: [LoadTarget], plan: LoadPlan, on eventLoop: EventLoop? = nil) throws(LoadFlagError) {
        guard !targets.isEmpty else { throw LoadFlagError("no café to send customers to: give at least one URL") }
        var addresses: [SocketAddress] = []
        for target in targets {
            do {
                addresses.append(try SocketAddress.makeAddressResolvingHost(target.host, port: target.port))
            } catch {
                throw LoadFlagError("cannot resolve '\(target.host)' of \(target.origin)")
            }
        }
        self.targets = targets
        if let eventLoop {
            group = nil
            loop = eventLoop
        } else {
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            self.group = group
            loop = group.next()
        }
        let latest = SnapshotBoard(
            LoadSnapshot(
                arrivals: plan.arrivals.description, plannedRatePerSecond: plan.arrivals.nominalRate,
                targets: targets.map { TargetSnapshot(label: $0.label, url: $0.origin) }))
        self.latest = latest
        done = loop.makePromise(of: Void.self)
        let loop = self.loop, done = self.done, resolved = addresses
        // The engine is made on its loop and never leaves it; NIOLoopBound checks that on every access.
        engine = try! loop.submit {
            let sides = zip(targets, resolved).map { LoadEngine.Side(target: $0, address: $1) }
            return NIOLoopBound(
                LoadEngine(
                    loop: loop, sides: sides, plan: plan,
                    publish: { snapshot in latest.value.withLock { $0 = snapshot } }, finished: done),
                eventLoop: loop)
        }.wait()
    }

    deinit {
        group?.shutdownGracefully { _ in }
    }

    /// Opens the doors: arrivals begin now. A run has one day: after it finishes, make a new `LoadRun`.
    public func start() { onLoop { $0.start() } }

    /// Starts the run with the door closed: no customer comes until `resume()`.
    public func startPaused() { onLoop { $0.start(paused: true) } }

    /// Stops arrivals for now; customers inside keep being served.
    public func pause() { onLoop { $0.pause() } }

    /// Arrivals begin again, on a fresh timetable from now (a pause is not followed by a rush).
    public func resume() { onLoop { $0.resume() } }

    /// Changes the rate, arrival process, order, patience or limits without restarting.
    public func update(plan: LoadPlan) { onLoop { $0.update(plan: plan) } }

    /// Ends the day now; customers still inside are cut off (counted) and the final snapshot published.
    public func stop() { onLoop { $0.stop() } }

    /// Forgets the counts and latencies so far; the run goes on.
    public func reset() { onLoop { $0.reset() } }

    /// The latest published state; cheap (a lock and a copy), at most 50 ms old.
    public func snapshot() -> LoadSnapshot { latest.value.withLock { $0 } }

    /// The state right now, computed on the loop (for the final summary, or tests).
    public func freshSnapshot() async -> LoadSnapshot {
        let engine = self.engine
        _ = try? await loop.submit { engine.value.publishSnapshot() }.get()
        return snapshot()
    }

    /// Waits until the day is over: arrivals ended and every customer served, walked out or cut off.
    public func finished() async {
        try? await done.futureResult.get()
    }

    /// Blocks the calling thread until the run finishes (never call from the run's own loop).
    public func waitUntilFinished() {
        try? done.futureResult.wait()
    }

    /// CPU time (user + system) the generator's event-loop thread has used: the cost of the customers alone,
    /// even when a café runs in the same process.
    public func generatorCPUSeconds() -> Double {
        (try? loop.submit { () -> Double in
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }.wait()) ?? 0
    }

    private func onLoop(_ body: @escaping @Sendable (LoadEngine) -> Void) {
        let engine = self.engine
        loop.execute { body(engine.value) }
    }
}

/// The latest snapshot, where the loop puts it and the screen takes it.
final class SnapshotBoard: Sendable {
    let value: Mutex<LoadSnapshot>

    init(_ snapshot: LoadSnapshot) { value = Mutex(snapshot) }
}
