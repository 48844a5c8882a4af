import TestSupport
import Testing

@testable import LoadGenerator

@Suite("The recorder's snapshots", .onOwnThreads)
struct RecorderTests {
    @Test("live snapshots refresh the since-start percentiles at most once a second; exact ones always")
    func throttledTotals() {
        var recorder = Recorder()
        recorder.answered(status: 200, fromPlanned: .milliseconds(10), fromSent: .milliseconds(5))
        #expect(recorder.snapshot(inFlight: InFlight(), exact: false).corrected.count == 1, "the first one computes")
        recorder.answered(status: 200, fromPlanned: .milliseconds(30), fromSent: .milliseconds(5))
        let live = recorder.snapshot(inFlight: InFlight(), exact: false)
        #expect(live.corrected.count == 1, "a live snapshot may lag by up to a second of snapshots")
        #expect(live.recent.count == 2, "the live window is always fresh")
        #expect(live.served == 2, "counters are always fresh")
        #expect(recorder.snapshot(inFlight: InFlight(), exact: true).corrected.count == 2)
        for _ in 0..<Recorder.snapshotsPerTotals {
            recorder.answered(status: 200, fromPlanned: .milliseconds(1), fromSent: .milliseconds(1))
            _ = recorder.snapshot(inFlight: InFlight(), exact: false)
        }
        #expect(
            recorder.snapshot(inFlight: InFlight(), exact: false).corrected.count == 2 + Recorder.snapshotsPerTotals)
    }
}
