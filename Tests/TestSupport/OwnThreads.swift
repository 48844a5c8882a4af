import Foundation
import Testing

/// Runs every piece of a task on a fresh thread of its own. Swift's cooperative pool has one thread per core (2 on
/// CI); one test that blocks there (a child process, a blocking client, `Thread.sleep`) takes half the pool from
/// the ~490 tests running beside it. A test whose task prefers this executor blocks only its own thread.
public final class ThreadPerJobExecutor: TaskExecutor {
    public static let shared = ThreadPerJobExecutor()

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread {
            Thread.current.threadDictionary[Self.mark] = true
            job.runSynchronously(on: executor)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// True on a thread this executor started (a test's check that it runs off the cooperative pool).
    public static var isCurrent: Bool { Thread.current.threadDictionary[mark] as? Bool ?? false }

    /// The same, asked from async code (where `Thread.current` is not offered).
    public static var isCurrentFromAsync: Bool { currentThreadIsOwn() }

    private static func currentThreadIsOwn() -> Bool { isCurrent }

    private static let mark = "barista.ThreadPerJobExecutor"
}

/// `@Suite(.onOwnThreads)` or `@Test(.onOwnThreads)`: each test runs on threads of its own (see
/// `ThreadPerJobExecutor`), so its blocking calls, `#expect`s and all, hold no thread of the cooperative pool.
public struct OnOwnThreads: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OnOwnThreads {
    public static var onOwnThreads: Self { OnOwnThreads() }
}

/// Runs blocking work (a child process, a blocking client) on a thread of its own and awaits it, so an async test
/// waits without holding one of the cooperative pool's few threads. The work stays in the test's task, so an
/// `#expect` inside it counts for the test.
public func onOwnThread<T>(_ body: () throws -> T) async rethrows -> T {
    try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try body() }
}
