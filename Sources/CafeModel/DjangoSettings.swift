/// The switches a scene sets on the real Django project (`django: middleware=sync|none orm=async|sync`); only
/// `--peers django` obeys them, barista's own cafés have no Django inside.
///
/// On the server: `syncMiddleware` starts Django with one sync-only middleware in front of every view
/// (`CAFE_MIDDLEWARE=sync`, a restart: Django reads its middleware once); `syncORM` sends the async side's customers
/// to `brew_sync_orm`, a sync ORM call inside `async def` that Django refuses with `SynchronousOnlyOperation`.
public struct DjangoSettings: Equatable, Hashable, Codable, Sendable {
    public var syncMiddleware: Bool
    public var syncORM: Bool

    public init(syncMiddleware: Bool = false, syncORM: Bool = false) {
        self.syncMiddleware = syncMiddleware
        self.syncORM = syncORM
    }
}
