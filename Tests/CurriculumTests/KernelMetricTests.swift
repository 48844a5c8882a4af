import CafeModel
import Curriculum
import Testing

@Suite("A lesson's figures on a real server, read from the kernel")
struct KernelMetricTests {
    /// gunicorn's arbiter with four workers: `reading` of them in recv, the rest asleep in `time.sleep`.
    private func gunicorn(reading: Int) -> InsideView {
        let workers = (0..<4).map { index in
            let pid = Int32(101 + index)
            let activity: KernelActivity = index < reading ? .reading : .sleeping
            let wchan = activity == .reading ? "wait_woken" : "hrtimer_nanosleep"
            return InsideView.Process(
                pid: pid, name: "gunicorn",
                threads: [.init(tid: pid, name: "gunicorn", state: "S", wchan: wchan, activity: activity)])
        }
        let arbiter = InsideView.Process(
            pid: 100, name: "gunicorn",
            threads: [.init(tid: 100, name: "gunicorn", state: "S", wchan: "do_select", activity: .waitingForCustomers)]
        )
        return InsideView(processes: [arbiter] + workers)
    }

    @Test("gunicorn's workers as the kernel sees them: in recv reading, asleep blocked, the arbiter no worker")
    func fromTheKernel() throws {
        var frame = ShowFrame()
        frame.sync.outsideView = OutsideView(url: "http://127.0.0.1:43567/", server: "gunicorn", doorFromKernel: true)
        frame.sync.insideView = gunicorn(reading: 3)
        #expect(frame.sync.baristas.isEmpty)
        #expect(try Metric.parse("sync.reading").get().value(in: frame) == 3)
        #expect(try Metric.parse("sync.blocked").get().value(in: frame) == 1)
        #expect(try Metric.parse("sync.busy").get().value(in: frame) == 4)
        #expect(StepRecord.CafeFigures(frame.sync).blocked == 4, "the headless table's sync column: busy workers")
    }

    @Test("barista's own café still counts its /stats baristas")
    func readingFromStats() throws {
        var frame = ShowFrame()
        frame.sync.baristas = [
            .init(id: 1, state: .reading, forMs: 900), .init(id: 2, state: .reading, forMs: 300),
            .init(id: 3, state: .blocked, forMs: 40),
        ]
        frame.sync.insideView = gunicorn(reading: 0)  // barista's café read from the kernel too: /stats wins
        #expect(try Metric.parse("sync.reading").get().value(in: frame) == 2)
        #expect(try Metric.parse("sync.blocked").get().value(in: frame) == 1)
        #expect(try Metric.parse("sync.busy").get().value(in: frame) == 3)
    }
}
