import Foundation
import TestSupport
import Testing

@Suite("Tests on threads of their own", .onOwnThreads)
struct OwnThreadsTests {
    @Test("a sync test in an .onOwnThreads suite runs on a thread of its own, not on the cooperative pool")
    func syncTestOffThePool() {
        #expect(ThreadPerJobExecutor.isCurrent)
    }

    @Test("an async test stays on threads of its own after a suspension")
    func asyncTestOffThePool() async throws {
        try await Task.sleep(for: .milliseconds(1))
        #expect(await onPoolCheck())
    }

    @Test("sixteen tests' worth of blocking at once does not stop a task that needs the pool")
    func blockingLeavesThePoolFree() async {
        // Far more blocked threads than cores: were they pool threads, the detached task below could not run.
        let release = DispatchSemaphore(value: 0)
        let blocked = (0..<16).map { _ in Task { await onOwnThread { _ = release.wait(timeout: .now() + 30) } } }
        let poolTask = Task.detached { 42 }
        #expect(await poolTask.value == 42)
        for _ in blocked { release.signal() }
        for task in blocked { await task.value }
    }

    private func onPoolCheck() async -> Bool { await onOwnThread { ThreadPerJobExecutor.isCurrent } }
}

@Suite("Without the trait")
struct PoolThreadTests {
    @Test("without .onOwnThreads a test runs on the cooperative pool; onOwnThread moves blocking work off it")
    func poolThenOwnThread() async {
        #expect(await onOwnThread { ThreadPerJobExecutor.isCurrent })
        #expect(!(await onPoolAsync()))
    }

    private func onPoolAsync() async -> Bool { ThreadPerJobExecutor.isCurrentFromAsync }
}

@Suite("eventually: waiting for a state", .onOwnThreads)
struct EventuallyTests {
    @Test("true as soon as the condition holds, after polling it again")
    func holds() async {
        var asked = 0
        let held = await eventually(every: .milliseconds(1)) {
            asked += 1
            return asked == 3
        }
        #expect(held && asked == 3)
    }

    @Test("false when it never holds within the limit")
    func neverHolds() async {
        #expect(await eventually(within: .milliseconds(30), every: .milliseconds(5)) { false } == false)
    }

    @Test("the sampling form returns the last sample seen")
    func lastSample() async {
        var count = 0
        let last = await eventually(
            every: .milliseconds(1),
            {
                count += 1; return count
            }
        ) {
            $0 >= 4
        }
        #expect(last == 4)
    }

    @Test("the named form throws, saying what never happened")
    func throwsWithWhat() async {
        await #expect(throws: NeverHappened.self) {
            try await eventually("the door opened", within: .milliseconds(20)) { false }
        }
        #expect(NeverHappened(what: "the door opened", limit: .seconds(1)).description.contains("the door opened"))
    }
}

extension OwnThreadsTests {
    /// As `LiveShows` and `LiveRunners` hold their suites: the trait on the outer suite reaches the nested ones.
    @Suite("A suite nested in an .onOwnThreads suite")
    struct Nested {
        @Test("inherits the trait")
        func inherits() { #expect(ThreadPerJobExecutor.isCurrent) }
    }
}
