import NIOCore

extension LoadEngine {
    /// One café as the engine keeps it: its address, its connections (open, idle, waited for), its tally.
    ///
    /// On the load generator: per-target state, owned by the engine's event loop.
    final class Side {
        let target: LoadTarget
        let address: SocketAddress
        var recorder = Recorder()
        var inFlight = InFlight()
        /// Customers in flight by the plan generation they were planned under.
        var inFlightByGeneration: [Int: Int] = [:]
        /// Connections open or being opened.
        var open = 0
        var idle: [CafeConnection] = []
        var waiting = CircularBuffer<Customer>()
        /// Closed-loop customers currently in the loop.
        var looping = 0
        /// Customers of this café in flight, held to `plan.maxInFlight` on their own: a café whose door is full
        /// must not use up the places the other café's customers need.
        var customersInFlight = 0
        var requestPrefix: [UInt8] = []
        var requestSuffix: [UInt8] = []

        init(target: LoadTarget, address: SocketAddress) {
            self.target = target
            self.address = address
            recorder.totals = TargetSnapshot(label: target.label, url: target.origin)
        }
    }
}
