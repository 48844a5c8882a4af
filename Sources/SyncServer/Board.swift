import CafeHTTP
import CafeModel

extension SyncCafe {
    /// The board behind the counter: every barista's slot, the pool's target and the café's counters — all the
    /// workers, the arbiter and the admin thread share, behind the café's one lock (`SyncCafe.board`).
    struct Board {
        /// Each barista's line, by worker id (0, 1, 2… so each keeps its place on the screen).
        var slots: [Int: WorkerSlot] = [:]
        /// How many baristas the arbiter keeps (gunicorn's `num_workers`).
        var targetWorkers: Int
        var counters = ServerStats.Counters()
        /// Closing time has begun: the arbiter starts no one new and leaves its loop.
        var stopping = false
        /// Worker threads still running, including killed ones finishing their sleep.
        var liveThreads = 0
        /// The arbiter has left its loop: it hires no one any more.
        var arbiterLeft = false
        /// Closing time wanted the door closed while a thread of the café could still touch it: the last one out
        /// closes it (`SyncCafe.leaveTheDoor`).
        var doorLeftToLastThread = false

        /// No thread of the café can reach the listening socket any more.
        var nobodyAtTheDoor: Bool { arbiterLeft && liveThreads == 0 }

        /// What a barista writes on the board as one customer goes through: gunicorn's `workers/sync.py`
        /// accept → handle → respond, in the words the screen uses.
        enum Transition {
            /// `accept()` returned a customer's socket: reading the order begins.
            case accepted(client: Int32, at: ContinuousClock.Instant)
            /// The order is read; the barista stands by the machine (I/O) or works it (CPU).
            case brewing(Order, for: String?, at: ContinuousClock.Instant)
            /// The answer, a cup or a refusal, is being written.
            case writing
            /// The answer reached the socket with this status.
            case handedOver(HTTPStatus)
            /// The customer walked out before the cup was handed over: brewed for nobody.
            case brewedForNobody
            /// The socket is let go: the barista goes back to the door.
            case free
        }

        /// Applies `transition` for the worker holding `ticket`. Its slot changes only while the worker still holds
        /// it (a killed worker's place belongs to its replacement); the counters change in any case.
        mutating func note(_ transition: Transition, by ticket: WorkerTicket) {
            switch transition {
            case .accepted: counters.accepted += 1
            case .handedOver(let status): counters.count(status: status.rawValue)
            case .brewedForNobody: counters.servedAfterWalkOut += 1
            case .brewing, .writing, .free: break
            }
            guard var slot = slots[ticket.id], slot.ticket === ticket else { return }
            switch transition {
            case .accepted(let fd, let instant): slot.accept(fd, at: instant)
            case .brewing(let order, let customer, let instant): slot.brew(order, for: customer, at: instant)
            case .writing: slot.write()
            case .free: slot = WorkerSlot(ticket: ticket, since: .now)
            case .handedOver, .brewedForNobody: break
            }
            slots[ticket.id] = slot
        }
    }
}
