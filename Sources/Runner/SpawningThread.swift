import Foundation

/// One thread that lives as long as barista and starts every child café.
///
/// Linux sends a child its parent-death signal when the *thread* that created it ends, not the process: a café
/// started from a worker thread that the system later retires would be told "your parent died" and close while
/// barista runs on. Spawning only from this thread ties every café's life to barista's.
final class SpawningThread: @unchecked Sendable {
    // Safe: `jobs` is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    static let shared = SpawningThread()

    private init() {
        let thread = Thread { [self] in
            while true {
                condition.lock()
                while jobs.isEmpty { condition.wait() }
                let job = jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.name = "barista.spawner"
        thread.start()
    }

    /// Runs `body` on the spawning thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        condition.lock()
        jobs.append {
            result.value = body()
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        return result.value!
    }

    /// Safe: written once on the spawning thread before the semaphore signals, read after the wait.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
