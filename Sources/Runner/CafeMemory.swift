import CafeModel

/// What the show remembers of one café from frame to frame, so each frame can say what is true *now*: the door
/// and back room over the last minute, customers inside averaged over Little's window, the last wait figures and
/// their age when no cup came lately.
struct CafeMemory {
    var doorHistory = History(capacity: 60)
    var backRoomHistory = History(capacity: 60)
    var inShop = WindowAverage(window: .seconds(ClientView.windowSeconds))
    private var lastWait: (p50: Double, p99: Double, histogram: [Int], at: ContinuousClock.Instant)?

    /// Forgets everything measured (a reset or a clean slate): the next figures start from now.
    mutating func reset() { self = CafeMemory() }

    /// One sample a second for the minute-long charts.
    mutating func sampleQueues(_ state: ShowState) {
        doorHistory.record(Double(state.doorQueue))
        backRoomHistory.record(Double(state.waitingForHelper))
    }

    /// Fills in what needs memory: the histories, Little's L averaged over the window, and the wait figures (the
    /// last known ones, with their age, when no cup came in the window). The café's cores are the machine's
    /// business (`MachineCores`): measured from the kernel over one interval for everyone.
    mutating func complete(_ state: inout ShowState, now: ContinuousClock.Instant = .now) {
        state.doorHistory = doorHistory
        state.backRoomHistory = backRoomHistory
        inShop.record(Double(state.inShop), at: now)
        if var little = state.little {
            little.inShopMean = inShop.mean ?? Double(state.inShop)
            little.seconds = min(little.seconds, inShop.span(at: now).milliseconds / 1000)
            state.little = little
        }
        if let p50 = state.waitP50Ms, let p99 = state.waitP99Ms {
            lastWait = (p50, p99, state.waitHistogram, now)
        } else if let lastWait {
            state.waitP50Ms = lastWait.p50
            state.waitP99Ms = lastWait.p99
            state.waitHistogram = lastWait.histogram
            state.waitAgeSeconds = lastWait.at.duration(to: now).milliseconds / 1000
        }
    }
}
