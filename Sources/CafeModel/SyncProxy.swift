/// What stands between the customers and the sync side. In the café: a host at the door who listens to each
/// customer's whole order before passing it to a barista. On the server: the real nginx as a buffering reverse
/// proxy (`proxy_request_buffering on`), as gunicorn's docs ask for sync workers.
public enum SyncProxy: String, Equatable, Hashable, Codable, Sendable, CaseIterable {
    case none
    case nginx
}
