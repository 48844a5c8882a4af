import NIOCore

// Swift's `Duration` (what the café's configuration and the tests speak) and NIO's `TimeAmount` (what an event
// loop's timers take), converted in one place for the async café.

extension Duration {
    init(_ amount: TimeAmount) { self = .nanoseconds(amount.nanoseconds) }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
