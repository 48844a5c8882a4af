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
        syncPoller?.stop()
        asyncPoller?.stop()
        let old = (sync: syncCafe, async: asyncCafe)
        // A server given by URL cannot be restarted from here: its door keeps whoever is in it.
        var failures = CafeKind.allCases.compactMap { cafe in
            self.options.url(of: cafe) == nil
                ? nil : "the \(cafe.rawValue) side is an outside server: its door was not emptied"
        }
        let restarted = CafeKind.allCases.filter { self.options.url(of: $0) == nil }
        // nginx goes with the sync side it stands in front of, and comes back with it if the scene still wants it.
        closeFront()
        for cafe in restarted {
            if let child = cafe == .sync ? old.sync : old.async { supervisor.endNow(child) }
            outside[cafe]?.stop()
        }

        // The same ports (the header's URLs stay true; a Python café gets a new free port), the same settings. One
        // after the other on this thread: a child's parent-death signal fires when the *thread* that started it
        // ends (Linux), so a café started from a short-lived worker thread would be ended by the kernel later.
        var reopening = self.options
        if let port = old.sync?.port { reopening.syncPort = port }
        if let port = old.async?.port { reopening.asyncPort = port }
        var opened: [CafeKind: Result<(child: ChildCafe?, outside: OutsideCafe?), any Error>] = [:]
        for cafe in restarted {
            opened[cafe] = Result { () throws -> (child: ChildCafe?, outside: OutsideCafe?) in
                try Self.openSide(cafe, options: reopening, scenario: scenario, supervisor: supervisor) ?? (nil, nil)
            }
        }
        for cafe in restarted {
            switch opened[cafe] {
            case .success(let side):
                if cafe == .sync { syncCafe = side.child } else { asyncCafe = side.child }
                outside[cafe] = side.outside
            case .failure(let error):
                // The old café stays as the pane's café: the pane says it was killed, the notice says why.
                failures.append("the \(cafe.rawValue) café did not open again: \(error)")
            case nil:
                failures.append("the \(cafe.rawValue) café did not open again")
            }
        }
        (syncPoller, asyncPoller) = Self.pollers(sync: syncCafe, async: asyncCafe, outside: outside)
        do {
            front = try Self.openFront(
                scenario, options: options, sync: syncCafe, outside: outside, supervisor: supervisor)
        } catch {
            scenario.syncProxy = .none
            failures.append("\(error)")
        }

        do {
            load = try LoadRun(
                targets: Self.targets(sync: syncCafe, async: asyncCafe, outside: outside, front: front),
                plan: Self.plan(for: scenario, seed: options.seed))
        } catch {
            failures.append("the customers could not come back: \(error)")
        }
        // A closed door lets nobody in, not even the first customer of the day.
        if scenario.paused || scenario.ratePerSecond <= 0 { load.startPaused() } else { load.start() }

        forgetMeasurements()

        // Done when both new cafés have answered `/stats` once, so the first frame of the slate shows them.
        let answered = clock.now.advanced(by: .seconds(1))
        while clock.now < answered
            && (syncPoller.map { $0.latest == nil } ?? false || asyncPoller.map { $0.latest == nil } ?? false)
        {
            usleep(5_000)
        }

        let finished = clock.now
        lastClearing = ShopClearing(
            customersSentHome: sentHome, duration: began.duration(to: finished),
            failure: failures.isEmpty ? nil : failures.joined(separator: "; "), finishedAt: finished)
    }
}
