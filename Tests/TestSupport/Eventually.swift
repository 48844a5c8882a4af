import Foundation
import Testing

/// Waiting for a state, not for a time: a test polls what it is about (a count, a state, a screen) until it holds.
/// `limit` only stops a hang, it is no measured bound, so it is generous; the waits sleep as a task and hold no
/// thread of Swift's small cooperative pool.

/// Polls `condition` every `interval` until it holds or `limit` passes; true when it held. It pauses between polls
/// on threads of its own (`pause(for:)`): a state is seen when it comes, not when a pool thread comes free behind
/// other tests' long CPU work.
@discardableResult
public func eventually(
    within limit: Duration = .seconds(30), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while clock.now < deadline {
        if try await condition() { return true }
        await pause(for: interval)
    }
    return try await condition()
}

/// A test's pause: a thread of its own sleeps it, so waking needs no thread of the cooperative pool. (`Task.sleep`
/// does: its timer wakes the task on the pool, even a task that prefers another executor, and a pool busy with
/// other tests' CPU work wakes it seconds late; measured: a 10 ms `Task.sleep` took 2.8 s with the pool busy.)
public func pause(for duration: Duration) async {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    await onOwnThread { Thread.sleep(forTimeInterval: seconds) }
}

/// The same, throwing `NeverHappened` (saying what was awaited) when `condition` never held.
public func eventually(
    _ what: String, within limit: Duration = .seconds(30), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    guard try await eventually(within: limit, every: interval, condition) else {
        throw NeverHappened(what: what, limit: limit)
    }
}

/// Samples `value` every `interval` until `condition` holds on it or `limit` passes; returns the last sample, for
/// the test to assert on (and to show when it fails).
public func eventually<Value>(
    within limit: Duration = .seconds(30), every interval: Duration = .milliseconds(20),
    _ value: () async throws -> Value, until condition: (Value) throws -> Bool
) async rethrows -> Value {
    var last: Value?
    _ = try await eventually(within: limit, every: interval) {
        let sample = try await value()
        last = sample
        return try condition(sample)
    }
    return last!  // eventually always asks at least once
}

/// What `eventually(_:within:)` throws: the awaited state never came.
public struct NeverHappened: Error, CustomStringConvertible {
    public var what: String
    public var limit: Duration
    public init(what: String, limit: Duration) {
        self.what = what
        self.limit = limit
    }
    public var description: String { "never happened within \(limit): \(what)" }
}

/// The same poll for the one place a test cannot await, a `defer`: it sleeps the calling thread, so it belongs only
/// in a test that runs `.onOwnThreads` (it records an issue anywhere else, where it would hold a pool thread).
@discardableResult
public func eventuallyBlocking(
    within limit: Duration = .seconds(30), every interval: Duration = .milliseconds(20), _ condition: () -> Bool
) -> Bool {
    if !ThreadPerJobExecutor.isCurrent {
        Issue.record("eventuallyBlocking outside a test on its own threads: add .onOwnThreads to the suite")
    }
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while clock.now < deadline {
        if condition() { return true }
        Thread.sleep(
            forTimeInterval: Double(interval.components.seconds)
                + Double(interval.components.attoseconds) / 1e18)
    }
    return condition()
}
