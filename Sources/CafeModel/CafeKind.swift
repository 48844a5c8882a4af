/// Which café a server is: the sync café (a fixed pool of blocking worker threads, like gunicorn's sync
/// workers) or the async café (event loops handing out buzzers, like uvicorn).
public enum CafeKind: String, Codable, Sendable, CaseIterable {
    case sync
    case async
}
