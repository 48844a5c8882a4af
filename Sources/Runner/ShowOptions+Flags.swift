import CafeModel
import Curriculum
import Foundation
import LoadGenerator

/// The show's flags (`barista`, `barista lesson`, `barista demo`) read into how the show opens: the checks and their
/// one-line errors live here, beside the options, so the commands only pass their flags on.
extension ShowOptions {
    /// The options of the show's flags, each as given, or the first flag that is wrong in the words of the command
    /// line. `fps` is only checked (the screen's, not the show's).
    public static func reading(
        rate: String, brew: Duration, kind: BrewKind, workers: Int, handler: HandlerMode, loops: Int,
        door: DoorSharing, offloadThreads: Int, arrivals: ArrivalKind, seed: UInt64, patience: Duration, slow: String,
        slowFor: Duration, fps: Int, syncPort: Int, asyncPort: Int, syncURL: String?, asyncURL: String?,
        path: String?, syncAdminPort: Int?, asyncAdminPort: Int?, peers: String?, python: String?, peerApps: String?,
        proxy: SyncProxy, nginx: String?, staticShare: String
    ) throws(ShowSessionError) -> ShowOptions {
        let ratePerSecond: Double
        do { ratePerSecond = try Rate.parse(rate).perSecond } catch { throw ShowSessionError("--rate: \(error)") }
        guard ratePerSecond <= Scenario.maximumRate else {
            throw ShowSessionError("--rate must be at most \(Int(Scenario.maximumRate))/s, not \(rate)")
        }
        do {
            // The show's own bound on sync baristas (a screen's worth); the rest are the cafés' bounds.
            try CafeLimits.check("--workers", workers, in: 1...Scenario.maximumWorkers)
            try CafeLimits.check("--loops", loops, in: CafeLimits.loops)
            try CafeLimits.check("--offload-threads", offloadThreads, in: CafeLimits.offloadThreads)
        } catch {
            throw ShowSessionError(error.description)
        }
        guard brew.milliseconds <= Double(Order.maximumMilliseconds) else {
            throw ShowSessionError(
                "--brew must be at most \(Order.maximumMilliseconds / 1000)s, not \(DurationText.format(brew))")
        }
        guard patience > .zero else { throw ShowSessionError("--patience must be above 0") }
        let slowShare: Double
        do { slowShare = try LoadPlan.parseShare(slow) } catch { throw ShowSessionError("\(error)") }
        guard slowFor > .zero, slowFor <= Scenario.maximumSlowFor else {
            let given = DurationText.format(slowFor)
            throw ShowSessionError("--slow-for must be above 0 and at most \(Scenario.maximumSlowFor), not \(given)")
        }
        guard (1...60).contains(fps) else { throw ShowSessionError("--fps must be from 1 to 60, not \(fps)") }
        for (flag, url) in [("--sync-url", syncURL), ("--async-url", asyncURL)] {
            guard let url else { continue }
            do { _ = try LoadTarget(url: url) } catch { throw ShowSessionError("\(flag): \(error)") }
        }
        if let path, !path.hasPrefix("/") { throw ShowSessionError("--path must start with /, not '\(path)'") }
        for (flag, port) in [("--sync-admin-port", syncAdminPort), ("--async-admin-port", asyncAdminPort)] {
            if let port, !(1...65535).contains(port) {
                throw ShowSessionError("\(flag) must be from 1 to 65535, not \(port)")
            }
        }
        if syncAdminPort != nil && syncURL == nil { throw ShowSessionError("--sync-admin-port needs --sync-url") }
        if asyncAdminPort != nil && asyncURL == nil { throw ShowSessionError("--async-admin-port needs --async-url") }
        if let peers, PeerStack.Apps(rawValue: peers) == nil {
            throw ShowSessionError("--peers knows 'python' and 'django', not '\(peers)'")
        }
        let stack = peerStack(peers, python: python, peerApps: peerApps)
        if python != nil && peers == nil {
            throw ShowSessionError("--python needs --peers python or --peers django")
        }
        if let peerApps, let stack, !FileManager.default.fileExists(atPath: peerApps + "/" + stack.marker) {
            throw ShowSessionError("--peer-apps: no \(stack.marker) in \(peerApps)")
        }
        let staticValue: Double
        do { staticValue = try LoadPlan.parseShare(staticShare) } catch { throw ShowSessionError("--static: \(error)") }
        if nginx != nil && proxy != .nginx { throw ShowSessionError("--nginx needs --proxy nginx") }
        if staticValue > 0 && proxy != .nginx {
            throw ShowSessionError("--static needs --proxy nginx (nginx answers the static files)")
        }
        let scenario = Scenario(
            ratePerSecond: ratePerSecond, arrivals: arrivals, brewMilliseconds: Int(brew.milliseconds), kind: kind,
            syncWorkers: workers, asyncHandler: handler, loops: loops, offloadThreads: offloadThreads,
            patience: patience, slowShare: slowShare, slowFor: slowFor, asyncDoor: door, syncProxy: proxy,
            staticShare: staticValue)
        var options = ShowOptions(scenario: scenario, seed: seed, syncPort: syncPort, asyncPort: asyncPort)
        options.syncURL = syncURL
        options.asyncURL = asyncURL
        options.pathTemplate = path
        options.syncStatsPort = syncAdminPort
        options.asyncStatsPort = asyncAdminPort
        options.peers = stack
        if let nginx { options.nginx = NginxFront.find(explicit: nginx) }
        return options
    }

    /// The Python stack for `--peers python|django` (or a lesson's `peers:`), or nil.
    public static func peerStack(_ peers: String?, python: String?, peerApps: String?) -> PeerStack? {
        guard let peers, let apps = PeerStack.Apps(rawValue: peers) else { return nil }
        return PeerStack.defaults(
            python: python, appDirectory: peerApps ?? LessonLibrary.packageFolder("python"), apps: apps)
    }
}
