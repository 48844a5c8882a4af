import NIOCore

/// The buzzers of one async barista (one event loop): every awaited brew that ends in the same millisecond rings
/// from one timer, instead of one timer per customer.
///
/// Why: at 1,000 customers in flight a loop held 1,000 scheduled tasks, each a heap entry, a promise and a
/// closure; ten thousand brews a second end within about a hundred distinct milliseconds of each other, so one
/// timer per millisecond does the same work with a tenth of the scheduling. A cup is never early: its
/// millisecond is rounded up, so at most 1 ms late.
final class BuzzerRack: @unchecked Sendable {
    // @unchecked: `due` is only touched on `loop` (every entry point asserts it); the rack is handed to that
    // loop's handlers through the channel initializer, which is why it must be Sendable at all.
    private let loop: any EventLoop
    /// Handlers waiting for their cup, by the millisecond (of the loop's uptime clock) their brew ends.
    private var due: [Int64: [BrewHandler]] = [:]

    init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Rings `handler.buzzerRang()` once `milliseconds` have passed.
    func ring(_ handler: BrewHandler, after milliseconds: Int) {
        loop.assertInEventLoop()
        // The loop's own clock (an EmbeddedEventLoop's is virtual, so tests can advance it).
        let end = loop.now.uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
        let tick = Int64((end + 999_999) / 1_000_000)
        if due[tick] == nil {
            due[tick] = [handler]
            loop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(UInt64(tick) * 1_000_000)) {
                self.rang(tick)
            }
        } else {
            due[tick]!.append(handler)
        }
    }

    /// Closing time began: the buzzers of customers who have already left are taken back (nobody waits for them).
    func closingTimeBegan() {
        loop.execute {
            for handler in self.due.values.joined() { handler.leftAtClosingTime() }
        }
    }

    /// Closing time's grace ran out: every customer still holding a buzzer is answered now (503), on the loop.
    func lastCall() {
        loop.execute {
            let waiting = self.due.values.joined()
            self.due = [:]
            for handler in waiting { handler.graceRanOut() }
        }
    }

    private func rang(_ tick: Int64) {
        guard let handlers = due.removeValue(forKey: tick) else { return }
        for handler in handlers { handler.buzzerRang() }
    }
}
