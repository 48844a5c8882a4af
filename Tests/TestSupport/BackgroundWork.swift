import Foundation
import Synchronization

/// Work on a thread of its own, so a test can look at a café while customers wait. Not a Task: blocking
/// clients on Swift's small cooperative pool would starve other tests on a 2-core machine.
public final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }

    /// Blocks until the work is done and returns its value.
    public func wait() -> Value {
        done.wait()
        done.signal()
        return result.withLock { $0! }
    }

    /// True once the work has returned.
    public var isFinished: Bool { result.withLock { $0 != nil } }

    /// The value, awaited without holding a thread of Swift's small cooperative pool (2 threads on a 2-core
    /// machine): polls, pausing on threads of its own (`pause(for:)`).
    public var value: Value {
        get async {
            while true {
                if let value = result.withLock({ $0 }) { return value }
                await pause(for: .milliseconds(5))
            }
        }
    }
}
