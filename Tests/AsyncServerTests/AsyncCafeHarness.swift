import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Opens a real async café on 127.0.0.1, port 0, runs `body`, and closes it.
func withCafe(
    _ configure: (inout AsyncCafeConfiguration) -> Void = { _ in }, _ body: (AsyncCafe) throws -> Void
) throws {
    try withAsyncCafe(configure) { cafe, _ in try body(cafe) }
}

func withCafe(
    _ configure: (inout AsyncCafeConfiguration) -> Void = { _ in }, _ body: (AsyncCafe) async throws -> Void
) async throws {
    try await withAsyncCafe(configure) { cafe, _ in try await body(cafe) }
}

func sample(_ cafe: AsyncCafe) -> StatsSampler {
    StatsSampler {
        let stats = cafe.stats()
        return .init(
            awaiting: stats.loops.reduce(0) { $0 + $1.awaiting },
            blockedLoops: stats.loops.filter { $0.state == .blocked }.count,
            maxLagMs: stats.loops.map(\.lagMs).max() ?? 0,
            offloadBusy: stats.offload?.busy ?? 0, offloadWaiting: stats.offload?.waiting ?? 0,
            acceptQueue: stats.acceptQueue?.length ?? 0)
    }
}
