import CafeModel
import NIOCore

/// One customer's visit to one café: planned at an instant, then waiting for a connection, connecting,
/// sending the order, waiting for the first byte, reading the cup — or walking out.
///
/// On the load generator: one HTTP/1.1 exchange and its timestamps. Owned by the engine's event loop; never
/// crosses threads.
final class Customer {
    enum Phase: Int {
        /// Waiting inside the generator for a free connection (only with a connection limit).
        case waiting
        case connecting
        /// A slow customer writing its request a few bytes at a time; the café has not got the whole order yet.
        case sending
        /// The request is written; no byte of the answer yet.
        case sent
        /// The first byte of the answer arrived; the rest is coming.
        case receiving
    }

    let id: Int
    let target: Int
    /// When the customer walks in, by the timetable: latency is measured from here.
    let planned: NIODeadline
    /// A closed-loop customer orders again once served.
    let closedLoop: Bool
    var phase = Phase.waiting
    var sentAt: NIODeadline?
    var connection: CafeConnection?
    var finished = false
    /// The brew ordered (nil for a café whose URL has a path of its own): counted in `InFlight.cpu` / `.io`.
    var kind: BrewKind?
    /// The plan this customer was planned under, for `InFlight.fromEarlierPlans`.
    let generation: Int
    /// A slow customer writes its request in pieces spread over the plan's `slowFor`.
    let slow: Bool
    /// A slow customer's request not yet written (a view of the one buffer, never copied), the pieces written so
    /// far out of `pieces`, and the timer of the next piece.
    var unsent: ByteBuffer?
    var piecesWritten = 0
    var pieces = 0
    var pieceTimer: Scheduled<Void>?

    init(id: Int, target: Int, planned: NIODeadline, closedLoop: Bool, generation: Int, slow: Bool = false) {
        self.id = id
        self.target = target
        self.planned = planned
        self.closedLoop = closedLoop
        self.generation = generation
        self.slow = slow
    }
}
