import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AsyncServer

@Suite("The back room's line and its shutdown", .onOwnThreads)
struct OffloadRoomTests {
    @Test("a job handed in while the room shuts down runs exactly once")
    func submitRacingShutdown() {
        for _ in 0..<200 {
            let room = OffloadRoom(helpers: 1)
            let release = DispatchSemaphore(value: 0)
            // The only helper is busy, so the jobs below go into the line that shutdown drains.
            room.submit { _ in release.wait() }
            let runs = Tally(jobs: 20)
            let submitted = DispatchSemaphore(value: 0)
            let go = DispatchSemaphore(value: 0)
            Thread {
                go.wait()
                for index in 0..<20 { room.submit { _ in runs.count(index) } }
                submitted.signal()
            }.start()
            let shutDown = DispatchSemaphore(value: 0)
            Thread {
                go.wait()
                release.signal()
                room.shutdown()
                shutDown.signal()
            }.start()
            go.signal()
            go.signal()
            submitted.wait()
            shutDown.wait()
            let counts = runs.counts
            #expect(counts.allSatisfy { $0 == 1 }, "runs per job: \(counts)")
            if !counts.allSatisfy({ $0 == 1 }) { return }
        }
    }
}

/// How many times each job ran, counted from any thread.
private final class Tally: Sendable {
    private let runs: Mutex<[Int]>
    init(jobs: Int) { runs = Mutex(Array(repeating: 0, count: jobs)) }
    func count(_ job: Int) { runs.withLock { $0[job] += 1 } }
    var counts: [Int] { runs.withLock { $0 } }
}
