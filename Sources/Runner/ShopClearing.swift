import CafeModel
import Foundation
import LoadGenerator
import Synchronization
import Telemetry

/// A clean slate between scenes (`x`, `ShowAction.clearShop`), and what it did: the customers inside both
/// cafés were sent home, both cafés' queues emptied and every counter zeroed; the settings stay.
///
/// On the servers: the load generator's run ends (its connections close) and a new run begins, and both cafés
/// are restarted on the same ports with the same settings. A restart is the honest way to empty a kernel accept
/// queue: a café cannot refuse the connections already at its door, but when its listening socket closes the
/// kernel resets every one of them. The bar (workers, buzzers) and the back room (thread pool) go with it.
public struct ShopClearing: Equatable, Sendable {
    /// Customers the load generator had inside a café or on their way in (each café counts its own): they left
    /// without a cup and count nowhere in the new slate, neither as walk-outs nor as errors.
    public var customersSentHome: Int
    /// From the key to both cafés open again, polled, with the new customers' run started.
    public var duration: Duration
    /// Why a café could not be opened again, if one could not.
    public var failure: String?
    /// When it was done: the notice is shown for `noticeLifetime` from then.
    public var finishedAt: ContinuousClock.Instant

    /// How long the screen says what the clean slate did.
    public static let noticeLifetime: Duration = .seconds(3)

    public init(
        customersSentHome: Int, duration: Duration, failure: String? = nil, finishedAt: ContinuousClock.Instant
    ) {
        self.customersSentHome = customersSentHome
        self.duration = duration
        self.failure = failure
        self.finishedAt = finishedAt
    }

    /// "shop cleared: 312 customers sent home, counters zeroed (0.4 s)".
    public var notice: String {
        let seconds = (duration.milliseconds / 100).rounded() / 10
        let customers = customersSentHome == 1 ? "1 customer" : "\(customersSentHome) customers"
        if let failure { return "shop cleared, but \(failure)" }
        return "shop cleared: \(customers) sent home, counters zeroed (\(seconds) s)"
    }

    /// The notice while it is fresh, nil after `noticeLifetime`.
    public var currentNotice: String? { finishedAt.duration(to: .now) < Self.noticeLifetime ? notice : nil }
}

extension ScenarioRunner {
    /// The clean slate, on the calling (main) thread: it takes a few hundred milliseconds, mostly two cafés
    /// starting, and once it returns the next frame is the new slate (a lesson step can rely on that).
    func clearShop() {
        let clock = ContinuousClock()
        let began = clock.now
        let sentHome = load.snapshot().targets.reduce(0) { $0 + $1.inFlight.total }

        // The customers go first: the old run ends, and its counts (cut-offs, the resets the restart causes)
        // are dropped with it.
        load.stop()
        syncPoller.stop()
        asyncPoller.stop()
        let old = (sync: syncCafe, async: asyncCafe)
        supervisor.endNow(old.sync)
        supervisor.endNow(old.async)

        // The same ports (the header's URLs stay true), the same settings. One after the other on this thread:
        // a child's parent-death signal fires when the *thread* that started it ends (Linux), so a café started
        // from a short-lived worker thread would be ended by the kernel seconds later.
        let launches: [(CafeKind, port: Int, arguments: [String])] = [
            (.sync, old.sync.port, Self.syncArguments(scenario)),
            (.async, old.async.port, Self.asyncArguments(scenario)),
        ]
        var opened: [CafeKind: Result<ChildCafe, SupervisorError>] = [:]
        for (cafe, port, arguments) in launches {
            opened[cafe] = Result { () throws(SupervisorError) -> ChildCafe in
                try supervisor.launch(cafe, port: port, arguments: arguments)
            }
        }
        var failures: [String] = []
        for cafe in [CafeKind.sync, .async] {
            switch opened[cafe] {
            case .success(let child):
                if cafe == .sync { syncCafe = child } else { asyncCafe = child }
            case .failure(let error):
                // The old café stays as the pane's café: the pane says it was killed, the notice says why.
                failures.append("the \(cafe.rawValue) café did not open again: \(error)")
            case nil:
                failures.append("the \(cafe.rawValue) café did not open again")
            }
        }
        syncPoller = StatsPoller(adminPort: syncCafe.adminPort)
        asyncPoller = StatsPoller(adminPort: asyncCafe.adminPort)

        let targets = [
            LoadTarget(label: "sync", host: "127.0.0.1", port: syncCafe.port),
            LoadTarget(label: "async", host: "127.0.0.1", port: asyncCafe.port),
        ]
        do {
            load = try LoadRun(targets: targets, plan: Self.plan(for: scenario, seed: options.seed))
        } catch {
            failures.append("the customers could not come back: \(error)")
        }
        load.start()
        if scenario.paused || scenario.ratePerSecond <= 0 { load.pause() }

        forgetMeasurements()

        // Done when both new cafés have answered `/stats` once, so the first frame of the slate shows them.
        let answered = clock.now.advanced(by: .seconds(1))
        while clock.now < answered && (syncPoller.latest == nil || asyncPoller.latest == nil) { usleep(5_000) }

        let finished = clock.now
        lastClearing = ShopClearing(
            customersSentHome: sentHome, duration: began.duration(to: finished),
            failure: failures.isEmpty ? nil : failures.joined(separator: "; "), finishedAt: finished)
    }
}
