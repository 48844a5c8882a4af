import CafeModel
import LoadGenerator
import TestSupport
import Testing

@testable import Runner

/// The generator's snapshot of one café reaches its pane: here, the customers it could not send and why.
@Suite("ClientView: customers not sent", .onOwnThreads)
struct ClientViewNotSentTests {
    private func apply(_ target: TargetSnapshot, inFlightLimit: Int = 10_000) -> ShowState {
        var state = ShowState(cafe: .async)
        ClientView.apply(target, patience: .seconds(10), inFlightLimit: inFlightLimit, to: &state)
        return state
    }

    @Test("the count, the main reason, the limit and how many in the last seconds reach ShowState")
    func reachesShowState() throws {
        var target = TargetSnapshot(label: "async", url: "http://127.0.0.1:8002")
        target.notSent = 7
        target.notSentReasons = [.outOfDescriptors: 5, .inFlightLimit: 2]
        target.rows = (0..<8).map { second in
            var row = SecondRow(second: second)
            row.notSent = second == 1 ? 3 : (second >= 6 ? 2 : 0)
            return row
        }
        let notSent = try #require(apply(target, inFlightLimit: 1_000).notSent)
        #expect(notSent.count == 7)
        #expect(notSent.reason == .outOfDescriptors, "the most frequent reason")
        #expect(notSent.inFlightLimit == 1_000)
        #expect(notSent.lately == 4, "seconds 3…7 only: \(notSent.lately)")
    }

    @Test("every customer sent: nothing to draw")
    func noneNotSent() {
        #expect(apply(TargetSnapshot(label: "async", url: "http://127.0.0.1:8002")).notSent == nil)
    }

    @Test("the ticker says a customer was not sent")
    func ticker() throws {
        let customer = FinishedCustomer(id: 9, outcomes: [.notSent, .served], latencyMs: [nil, 12])
        let trace = try #require(ClientView.ticker(LoadSnapshot(recentCustomers: [customer]), patience: .seconds(10)))
        #expect(trace.sync == .failed("not sent"))
    }
}
