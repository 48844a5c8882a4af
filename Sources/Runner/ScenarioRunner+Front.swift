import CafeHTTP
import CafeModel
import Foundation

/// nginx in front of the sync side (`--proxy nginx`, a scene's `sync: proxy=nginx`): opened after the sync side,
/// ended and opened again with it, switched live by a scene.
extension ScenarioRunner {
    /// nginx in front of the sync side when the scene asks for it; nil otherwise.
    static func openFront(
        _ scenario: Scenario, options: ShowOptions, sync: ChildCafe?, outside: [CafeKind: OutsideCafe],
        supervisor: Supervisor
    ) throws -> NginxFront? {
        guard scenario.syncProxy == .nginx else { return nil }
        guard let nginx = options.nginx else { throw NginxFront.Failure(description: NginxFront.installHint) }
        // Upstream: the sync side where barista reaches it (its own café, the guard's gunicorn, or a URL).
        let host = options.syncURL != nil ? outside[.sync]?.target.host ?? "127.0.0.1" : "127.0.0.1"
        let port = options.syncURL != nil ? outside[.sync]?.target.port ?? 0 : sync?.port ?? 0
        // The same backlog as the café behind it, read from the kernel (2048 when it cannot be read here).
        let backlog = ListenBacklog.ofPort(port)?.backlog ?? 2048
        return try NginxFront(
            nginx: nginx, upstreamHost: host, upstreamPort: port, backlog: backlog, supervisor: supervisor)
    }

    /// A scene switched nginx on or off: the sync side is opened again behind it or without it (a clean slate, so
    /// the new door starts empty). Without nginx installed the setting goes back and the screen says how to install
    /// it. Returns true when the other changes of the action are still to be carried out.
    func switchProxy(before: Scenario) -> Bool {
        if scenario.syncProxy == .nginx && options.nginx == nil {
            scenario.syncProxy = before.syncProxy
            say(NginxFront.installHint)
            return true
        }
        clearShop()
        return false
    }

    /// Ends nginx now (the clean slate and a switch to `proxy=none`).
    func closeFront() {
        guard let front else { return }
        supervisor.endNow(front.child)
        front.stop()
        self.front = nil
    }
}
