import AsyncServer
import TestSupport

/// Opens a real async café on 127.0.0.1, port 0, runs `body` with it and its admin client, and closes it.
func withAsyncCafe(
    _ configure: (inout AsyncCafeConfiguration) -> Void = { _ in }, _ body: (AsyncCafe, AdminClient) throws -> Void
) throws {
    var configuration = AsyncCafeConfiguration()
    configuration.port = 0
    configuration.adminPort = 0
    configure(&configuration)
    let cafe = try AsyncCafe(configuration: configuration)
    defer { cafe.shutdown() }
    try body(cafe, AdminClient(port: cafe.adminPort))
}

/// The same for an async test body (one that waits with `eventually`).
func withAsyncCafe(
    _ configure: (inout AsyncCafeConfiguration) -> Void = { _ in },
    _ body: (AsyncCafe, AdminClient) async throws -> Void
) async throws {
    var configuration = AsyncCafeConfiguration()
    configuration.port = 0
    configuration.adminPort = 0
    configure(&configuration)
    let cafe = try AsyncCafe(configuration: configuration)
    defer { cafe.shutdown() }
    try await body(cafe, AdminClient(port: cafe.adminPort))
}
