import CafeModel
import NIOCore
import Testing

@testable import AsyncServer

/// The connection's state machine as a plain value: no channel, no board, no clock.
@Suite("One connection's state machine, transition by transition")
struct BrewStateMachineTests {
    typealias Machine = BrewStateMachine

    static let start = NIODeadline.uptimeNanoseconds(1_000_000)

    static func ticket(_ brew: Machine.Brew, request: Int = 7, keepAlive: Bool = true) -> Machine.Ticket {
        Machine.Ticket(
            request: request, order: Order(milliseconds: 100, kind: .io), brew: brew, customerId: "c1",
            keepAlive: keepAlive, headOnly: false, receivedAt: start, brewStartedAt: start)
    }

    /// A machine brought to `state` through its own transitions.
    static func machine(brewing brew: Machine.Brew) -> Machine {
        var machine = Machine()
        machine.brewStarted(ticket(brew))
        return machine
    }

    @Test("first bytes: waitingForOrder → readingOrder, put on the board once; more bytes change nothing")
    func orderArriving() {
        var machine = Machine()
        var boardCalls = 0
        machine.orderArriving(at: Self.start) {
            boardCalls += 1; return 3
        }
        #expect(machine.state == .readingOrder(.init(request: 3, since: Self.start)))
        machine.orderArriving(at: Self.start + .seconds(1)) {
            boardCalls += 1; return 4
        }
        #expect(machine.reading == .init(request: 3, since: Self.start))
        #expect(boardCalls == 1)
        #expect(machine.takesOrders)
    }

    @Test(
        "a brew starts from waitingForOrder or readingOrder, in the state named after how it is brewed",
        arguments: [Machine.Brew.awaiting, .blockingLoop, .running, .waitingForHelper])
    func brewStarted(brew: Machine.Brew) {
        var fresh = Machine()
        let freshStarted = fresh.brewStarted(Self.ticket(brew))
        #expect(freshStarted)
        var reading = Machine()
        reading.orderArriving(at: Self.start) { 7 }
        let readingStarted = reading.brewStarted(Self.ticket(brew))
        #expect(readingStarted)
        for machine in [fresh, reading] {
            #expect(machine.brewing == Self.ticket(brew))
            #expect(!machine.takesOrders)
            switch (machine.state, brew) {
            case (.awaiting, .awaiting), (.blockingLoop, .blockingLoop), (.running, .running),
                (.waitingForHelper, .waitingForHelper):
                break
            default:
                Issue.record("brew \(brew) started in \(machine.state)")
            }
        }
    }

    @Test("a second brew cannot start while one brews, nor any once the connection closes")
    func brewStartedGuarded() {
        var brewing = Self.machine(brewing: .awaiting)
        let second = brewing.brewStarted(Self.ticket(.running, request: 8))
        #expect(!second)
        #expect(brewing.state == .awaiting(Self.ticket(.awaiting)))
        var closing = Machine()
        _ = closing.refused()
        let afterClosing = closing.brewStarted(Self.ticket(.awaiting))
        #expect(!afterClosing)
        #expect(closing.state == .closing)
    }

    @Test("how a cup is brewed: the order's kind in the handler mode, and the phase /stats shows")
    func brewOfKindAndMode() {
        #expect(Machine.Brew(.io, in: .await) == .awaiting)
        #expect(Machine.Brew(.io, in: .block) == .blockingLoop)
        #expect(Machine.Brew(.io, in: .offload) == .waitingForHelper)
        #expect(Machine.Brew(.cpu, in: .await) == .running)
        #expect(Machine.Brew(.cpu, in: .block) == .running)
        #expect(Machine.Brew(.cpu, in: .offload) == .waitingForHelper)
        #expect(Machine.Brew.awaiting.phase == .awaiting)
        #expect(Machine.Brew.blockingLoop.phase == .blockingLoop)
        #expect(Machine.Brew.running.phase == .running)
        #expect(Machine.Brew.waitingForHelper.phase == .waitingForHelper)
    }

    @Test("answered, kept alive: back to waitingForOrder; with Connection: close: closing; from closing: nothing")
    func answered() {
        var keptAlive = Self.machine(brewing: .awaiting)
        let answeredKeptAlive = keptAlive.answered(keepAlive: true)
        #expect(answeredKeptAlive)
        #expect(keptAlive.state == .waitingForOrder)
        var closed = Self.machine(brewing: .waitingForHelper)
        let answeredClosing = closed.answered(keepAlive: false)
        #expect(answeredClosing)
        #expect(closed.state == .closing)
        let answeredAfterClosing = closed.answered(keepAlive: true)
        #expect(!answeredAfterClosing)
        #expect(closed.state == .closing)
    }

    @Test("refused: → closing, ending the order in progress, whether being read or brewed")
    func refused() {
        var reading = Machine()
        reading.orderArriving(at: Self.start) { 5 }
        let readingEnded = reading.refused()
        #expect(readingEnded == 5)
        #expect(reading.state == .closing)
        var brewing = Self.machine(brewing: .awaiting)
        let brewEnded = brewing.refused()
        #expect(brewEnded == 7)
        #expect(brewing.state == .closing)
        var idle = Machine()
        let nothingEnded = idle.refused()
        #expect(nothingEnded == nil)
        #expect(idle.state == .closing)
        #expect(!idle.takesOrders)
    }

    @Test("walked out: a brewing order → closing with its ticket; with nothing brewing, nothing changes")
    func walkedOut() {
        var brewing = Self.machine(brewing: .blockingLoop)
        let left = brewing.walkedOut()
        #expect(left == Self.ticket(.blockingLoop))
        #expect(brewing.state == .closing)
        let leftAgain = brewing.walkedOut()
        #expect(leftAgain == nil)
        var idle = Machine()
        let nobodyLeft = idle.walkedOut()
        #expect(nobodyLeft == nil)
        #expect(idle.state == .waitingForOrder)
    }

    @Test("connection closed: an order being read is abandoned; a cup brewing stays, to be finished for nobody")
    func connectionClosed() {
        var reading = Machine()
        reading.orderArriving(at: Self.start) { 9 }
        let abandoned = reading.connectionClosed()
        #expect(abandoned == 9)
        #expect(reading.state == .closing)
        var brewing = Self.machine(brewing: .awaiting)
        let stillBrewing = brewing.connectionClosed()
        #expect(stillBrewing == nil)
        #expect(brewing.brewing == Self.ticket(.awaiting))
        var idle = Machine()
        let nothingAbandoned = idle.connectionClosed()
        #expect(nothingAbandoned == nil)
        #expect(idle.state == .closing)
    }
}
