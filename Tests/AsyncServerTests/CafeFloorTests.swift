import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AsyncServer

@Suite("--limit-concurrency is one atomic check-and-enter", .onOwnThreads)
struct CafeFloorTests {
    @Test("8 loops racing for the last places never admit more than the limit")
    func racingLoopsStayWithinTheLimit() {
        var configuration = AsyncCafeConfiguration()
        configuration.limitConcurrency = 10
        let floor = CafeFloor(configuration: configuration, port: 0)
        defer { floor.room.shutdown() }
        let admitted = Atomic<Int>(0)
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread {
                start.wait()
                for _ in 0..<10_000 where floor.tryEnter() { admitted.add(1, ordering: .relaxed) }
                group.leave()
            }.start()
        }
        for _ in 0..<8 { start.signal() }
        group.wait()
        #expect(admitted.load(ordering: .relaxed) == 10)
        #expect(floor.isFull)
        floor.leave()
        #expect(!floor.isFull)
        #expect(floor.tryEnter())
        #expect(!floor.tryEnter())
    }

    @Test("without a limit every brew is admitted")
    func noLimit() {
        let floor = CafeFloor(configuration: AsyncCafeConfiguration(), port: 0)
        defer { floor.room.shutdown() }
        #expect((0..<1000).allSatisfy { _ in floor.tryEnter() })
        #expect(!floor.isFull)
    }
}
