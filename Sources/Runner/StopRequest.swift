import Synchronization

/// A flag another thread (a signal watcher) raises to end the show; the screen loop reads it every tick.
public final class StopRequest: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public func raise() { raised.store(true, ordering: .relaxed) }

    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
