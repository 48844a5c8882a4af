import CafeModel
import Testing

@testable import SyncServer

/// The board a barista writes on, step by step: one transition each, read back as `/stats` reads it.
@Suite("A sync barista's steps on the board: accepted → brewing → writing → free")
struct WorkerBoardTests {
    private let ticket = WorkerTicket(id: 0)
    private let start = ContinuousClock.now

    private func board() -> SyncCafe.Board {
        var board = SyncCafe.Board(targetWorkers: 1)
        board.slots[0] = WorkerSlot(ticket: ticket, since: start)
        return board
    }

    @Test("a barista waiting at the door is idle, with no phase and no customer")
    func free() {
        let slot = board().slots[0]!
        #expect(slot.phase == nil)
        #expect(slot.state == .idle)
        #expect(slot.acceptedAt == nil && slot.clientFD == nil && slot.customerId == nil)
        #expect(!slot.isBrewing)
    }

    @Test("accepted: reading the order (phase parsing), the socket and the instant kept, counted as accepted")
    func accepted() {
        var board = board()
        let at = start.advanced(by: .milliseconds(5))
        board.note(.accepted(client: 42, at: at), by: ticket)
        let slot = board.slots[0]!
        #expect(slot.phase == .parsing)
        #expect(slot.state == .reading)
        #expect(slot.acceptedAt == at && slot.since == at)
        #expect(slot.clientFD == 42)
        #expect(!slot.isBrewing, "closing time does not wait for an order still being read")
        #expect(board.counters.accepted == 1)
    }

    @Test(
        "brewing: an I/O brew blocks the thread, a CPU brew runs it",
        arguments: [
            (BrewKind.io, RequestPhase.blocked, ThreadState.blocked), (.cpu, .running, .running),
        ])
    func brewing(kind: BrewKind, phase: RequestPhase, state: ThreadState) {
        var board = board()
        board.note(.accepted(client: 7, at: start), by: ticket)
        let at = start.advanced(by: .milliseconds(3))
        board.note(.brewing(Order(milliseconds: 120, kind: kind), for: "1207", at: at), by: ticket)
        let slot = board.slots[0]!
        #expect(slot.phase == phase)
        #expect(slot.state == state)
        #expect(slot.customerId == "1207")
        #expect(slot.brewMs == 120)
        #expect(slot.since == at)
        #expect(slot.acceptedAt == start, "the --timeout still counts from the accept")
        #expect(slot.isBrewing)
    }

    @Test("writing: the thread runs while the answer goes out; handed over, it is counted by status")
    func writing() {
        var board = board()
        board.note(.accepted(client: 7, at: start), by: ticket)
        board.note(.brewing(Order(milliseconds: 10), for: nil, at: start), by: ticket)
        board.note(.writing, by: ticket)
        #expect(board.slots[0]?.phase == .writing)
        #expect(board.slots[0]?.state == .running)
        #expect(board.slots[0]?.isBrewing == true)
        board.note(.handedOver(.ok), by: ticket)
        board.note(.handedOver(.requestTimeout), by: ticket)
        #expect(board.counters.status2xx == 1)
        #expect(board.counters.status4xx == 1)
        board.note(.brewedForNobody, by: ticket)
        #expect(board.counters.servedAfterWalkOut == 1)
    }

    @Test("free: the barista is back at the door, its customer and socket forgotten")
    func freeAgain() {
        var board = board()
        board.note(.accepted(client: 7, at: start), by: ticket)
        board.note(.brewing(Order(milliseconds: 10), for: "9", at: start), by: ticket)
        board.note(.free, by: ticket)
        let slot = board.slots[0]!
        #expect(slot.phase == nil && slot.state == .idle)
        #expect(slot.clientFD == nil, "the arbiter can no longer reach this descriptor")
        #expect(slot.acceptedAt == nil && slot.customerId == nil && slot.brewMs == nil)
        #expect(slot.ticket === ticket)
    }

    @Test("a killed barista's steps leave its replacement's place alone, but still count")
    func killedWorker() {
        var board = board()
        let replacement = WorkerTicket(id: 0)
        board.slots[0] = WorkerSlot(ticket: replacement, since: start)
        board.note(.accepted(client: 7, at: start), by: ticket)
        board.note(.writing, by: ticket)
        board.note(.handedOver(.ok), by: ticket)
        board.note(.free, by: ticket)
        #expect(board.slots[0]?.ticket === replacement)
        #expect(board.slots[0]?.phase == nil)
        #expect(board.counters.accepted == 1)
        #expect(board.counters.status2xx == 1)
    }

    @Test("every state on the screen is read from the one phase")
    func stateFollowsPhase() {
        var board = board()
        var seen: [ThreadState] = [board.slots[0]!.state]
        board.note(.accepted(client: 1, at: start), by: ticket)
        seen.append(board.slots[0]!.state)
        board.note(.brewing(Order(milliseconds: 1, kind: .io), for: nil, at: start), by: ticket)
        seen.append(board.slots[0]!.state)
        board.note(.brewing(Order(milliseconds: 1, kind: .cpu), for: nil, at: start), by: ticket)
        seen.append(board.slots[0]!.state)
        board.note(.writing, by: ticket)
        seen.append(board.slots[0]!.state)
        board.note(.free, by: ticket)
        seen.append(board.slots[0]!.state)
        #expect(seen == [.idle, .reading, .blocked, .running, .running, .idle])
    }
}
