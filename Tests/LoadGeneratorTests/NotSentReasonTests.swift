import CafeModel
import Foundation
import NIOCore
import NIOPosix
import TestSupport
import Testing

@testable import LoadGenerator

#if canImport(Glibc)
import Glibc
#endif

/// Why a customer was not sent is the generator's own shortage, named: the errno of a failed connect (a pure
/// mapping, so no test lowers this shared process's RLIMIT_NOFILE), its in-flight limit, a timetable it fell behind.
@Suite("Why customers are not sent", .serialized, .onOwnThreads)
struct NotSentReasonTests {
    @Test("a failed connect's errno: descriptors, ports, buffers are the generator's; the café's errors are not")
    func errnoMapping() {
        #expect(NotSentReason(shortageErrno: EMFILE) == .outOfDescriptors)
        #expect(NotSentReason(shortageErrno: ENFILE) == .outOfDescriptors)
        #expect(NotSentReason(shortageErrno: EADDRNOTAVAIL) == .outOfPorts)
        #expect(NotSentReason(shortageErrno: ENOBUFS) == .other)
        for code in [ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE] {
            #expect(NotSentReason(shortageErrno: code) == nil, "errno \(code) is the café's: a VisitFailure")
        }
        #expect(NotSentReason(shortage: IOError(errnoCode: EMFILE, reason: "socket")) == .outOfDescriptors)
        #expect(NotSentReason(shortage: ChannelError.connectTimeout(.seconds(1))) == nil)
    }

    @Test("the recorder counts each reason, and the snapshot names the most frequent")
    func recorderCounts() {
        var recorder = Recorder()
        recorder.notSent(.inFlightLimit)
        recorder.notSent(.outOfPorts)
        recorder.notSent(.outOfPorts)
        let snapshot = recorder.snapshot(inFlight: InFlight())
        #expect(snapshot.notSent == 3)
        #expect(snapshot.notSentReasons == [.inFlightLimit: 1, .outOfPorts: 2])
        #expect(snapshot.mainNotSentReason == .outOfPorts)
        #expect(TargetSnapshot(label: "", url: "").mainNotSentReason == nil)
    }

    @Test("customers beyond the in-flight limit are not sent, for that reason, and the snapshot carries the limit")
    func inFlightLimit() async throws {
        let listener = TestListener(.silent)
        defer { listener.stop() }
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        // Nobody is ever answered: the first two stay in flight until their patience runs out.
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("100/s")), patience: .milliseconds(500),
            maxInFlight: 2, count: 5)
        let run = try LoadRun(targets: [target], plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        let side = try #require(snapshot.targets.first)
        #expect(snapshot.maxInFlight == 2)
        #expect(side.sent == 2 && side.notSent == 3, "sent \(side.sent), not sent \(side.notSent)")
        #expect(side.notSentReasons == [.inFlightLimit: 3], "\(side.notSentReasons)")
    }

    @Test("each café has its own in-flight limit: a café that never answers does not starve the other")
    func inFlightLimitPerCafe() async throws {
        let stuck = TestListener(.silent), answering = TestListener(.answer)
        defer { stuck.stop(); answering.stop() }
        let targets = [
            try LoadTarget(url: "http://127.0.0.1:\(stuck.port)/", label: "stuck"),
            try LoadTarget(url: "http://127.0.0.1:\(answering.port)/", label: "answering"),
        ]
        // 200 ms apart, patience past the last arrival (1 s): the stuck café holds its two for the whole run, and
        // the answering one has two fifths of a second to answer a customer before the one after next arrives,
        // however busy the machine (it answers in about a millisecond).
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("5/s")), patience: .seconds(2),
            maxInFlight: 2, count: 6)
        let run = try LoadRun(targets: targets, plan: plan)
        run.start()
        await run.finished()
        let snapshot = await run.freshSnapshot()
        let stuckSide = try #require(snapshot.targets.first { $0.label == "stuck" })
        let answeringSide = try #require(snapshot.targets.first { $0.label == "answering" })
        #expect(
            stuckSide.sent == 2 && stuckSide.notSent == 4,
            "stuck: sent \(stuckSide.sent), not sent \(stuckSide.notSent)")
        #expect(
            answeringSide.notSent == 0 && answeringSide.served == 6,
            "answering: served \(answeringSide.served), not sent \(answeringSide.notSent)")
    }

    @Test("customers the stalled generator reaches after their patience are not sent, as fallen behind")
    func behind() async throws {
        let listener = TestListener(.answer)
        defer { listener.stop() }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        let loop = group.next()
        let target = try LoadTarget(url: "http://127.0.0.1:\(listener.port)/")
        let plan = LoadPlan(
            arrivals: .constant(try Rate.parse("1000/s")), patience: .milliseconds(100),
            duration: .milliseconds(400))
        let run = try LoadRun(targets: [target], plan: plan, on: loop)
        // The loop stalls 300 ms: customers planned early in the stall are started over 100 ms late.
        loop.scheduleTask(in: .milliseconds(50)) { usleep(300_000) }
        run.start()
        await run.finished()
        let side = try #require(await run.freshSnapshot().targets.first)
        #expect((side.notSentReasons[.behind] ?? 0) > 0, "\(side.notSentReasons)")
        #expect(side.notSentReasons.values.reduce(0, +) == side.notSent)
    }
}
