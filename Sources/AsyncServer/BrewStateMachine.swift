import CafeModel
import NIOCore

/// Where one connection of the async café is in its life, and the only ways it can move on.
///
/// A plain value, in the style of SwiftNIO's own state machines: it knows no channel, no board and no clock.
/// `BrewHandler` asks it before it acts and tells it what happened; each transition is guarded (called in the
/// wrong state it changes nothing, and says so where the caller must know), so the handler cannot, say, hand over
/// a cup twice.
///
///     waitingForOrder ─bytes─▶ readingOrder ─head─▶ awaiting | blockingLoop | running | waitingForHelper
///           ▲  (a head in one piece skips readingOrder)                │ cup ready
///           └──────────── answered, kept alive (`GET /` at once) ◀──────┘
///     any state ─refused, walked out, answered with Connection: close─▶ closing
struct BrewStateMachine {
    enum State: Equatable {
        /// No bytes of the next order yet: a fresh connection, or kept alive after an answer.
        case waitingForOrder
        /// Some bytes of an order arrived, not the whole head (phase `parsing` on the board).
        case readingOrder(Reading)
        /// `await`: the customer holds a buzzer (a timer on this loop); the loop serves others meanwhile.
        case awaiting(Ticket)
        /// `block`: this loop thread itself sleeps through the brew. Every customer on the loop waits.
        case blockingLoop(Ticket)
        /// A CPU brew spinning on the loop thread: no handler mode makes computing wait for free.
        case running(Ticket)
        /// `offload`: the order is with the back room; a helper thread brews it and tells the loop when done.
        case waitingForHelper(Ticket)
        /// The last answer is out (or the customer left): the connection closes. Later bytes are ignored.
        case closing
    }

    /// An order being read: its entry on the loop's board and when its first bytes came.
    struct Reading: Equatable {
        var request: Int
        var since: NIODeadline
    }

    /// One order being brewed.
    struct Ticket: Equatable {
        var request: Int
        var order: Order
        var brew: Brew
        var customerId: String?
        var keepAlive: Bool
        var headOnly: Bool
        /// When the order started arriving, and when the brew began: `Server-Timing` queue and brew times.
        var receivedAt: NIODeadline
        var brewStartedAt: NIODeadline
    }

    /// How a cup is brewed: the order's kind in the café's handler mode. Each is a state above and a phase on
    /// `/stats`.
    enum Brew: Equatable {
        case awaiting, blockingLoop, running, waitingForHelper

        init(_ kind: BrewKind, in mode: HandlerMode) {
            switch (kind, mode) {
            case (_, .offload): self = .waitingForHelper
            case (.io, .await): self = .awaiting
            case (.io, .block): self = .blockingLoop
            case (.cpu, .await), (.cpu, .block): self = .running
            }
        }

        var phase: RequestPhase {
            switch self {
            case .awaiting: return .awaiting
            case .blockingLoop: return .blockingLoop
            case .running: return .running
            case .waitingForHelper: return .waitingForHelper
            }
        }
    }

    private(set) var state = State.waitingForOrder

    // MARK: - What the state says

    /// True while the connection can take an order: nothing brewing, not closing.
    var takesOrders: Bool {
        switch state {
        case .waitingForOrder, .readingOrder: return true
        case .awaiting, .blockingLoop, .running, .waitingForHelper, .closing: return false
        }
    }

    /// The order being read, if its first bytes came before its head.
    var reading: Reading? {
        if case .readingOrder(let reading) = state { return reading }
        return nil
    }

    /// The order being brewed, in whichever way.
    var brewing: Ticket? {
        switch state {
        case .awaiting(let ticket), .blockingLoop(let ticket), .running(let ticket), .waitingForHelper(let ticket):
            return ticket
        case .waitingForOrder, .readingOrder, .closing:
            return nil
        }
    }

    // MARK: - Transitions

    /// waitingForOrder → readingOrder: the first bytes of an order. `board` puts it on the loop's board and
    /// returns its entry; it is called only when this transition happens.
    mutating func orderArriving(at now: NIODeadline, board: () -> Int) {
        guard case .waitingForOrder = state else { return }
        state = .readingOrder(Reading(request: board(), since: now))
    }

    /// waitingForOrder | readingOrder → the ticket's brewing state. False (and nothing changes) otherwise.
    @discardableResult
    mutating func brewStarted(_ ticket: Ticket) -> Bool {
        guard takesOrders else { return false }
        switch ticket.brew {
        case .awaiting: state = .awaiting(ticket)
        case .blockingLoop: state = .blockingLoop(ticket)
        case .running: state = .running(ticket)
        case .waitingForHelper: state = .waitingForHelper(ticket)
        }
        return true
    }

    /// An answer went out (a hello page or a cup): → waitingForOrder when kept alive, else closing.
    /// False from closing: nothing is answered there.
    @discardableResult
    mutating func answered(keepAlive: Bool) -> Bool {
        guard state != .closing else { return false }
        state = keepAlive ? .waitingForOrder : .closing
        return true
    }

    /// → closing with a refusal (4xx, or 503). Returns the board entry of the order in progress (being read or
    /// brewed), which the refusal ends; nil when there was none.
    mutating func refused() -> Int? {
        let request = reading?.request ?? brewing?.request
        state = .closing
        return request
    }

    /// A brewing order whose customer has left: → closing, returning the ticket (its cup is brewed for nobody).
    mutating func walkedOut() -> Ticket? {
        guard let ticket = brewing else { return nil }
        state = .closing
        return ticket
    }

    /// The connection closed. An order still being read is abandoned (→ closing; its board entry is returned,
    /// to forget). A cup still brewing is finished when it is ready, and then finds nobody there.
    mutating func connectionClosed() -> Int? {
        switch state {
        case .readingOrder(let reading):
            state = .closing
            return reading.request
        case .waitingForOrder:
            state = .closing
            return nil
        case .awaiting, .blockingLoop, .running, .waitingForHelper, .closing:
            return nil
        }
    }
}
