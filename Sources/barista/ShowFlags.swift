import ArgumentParser
import CafeModel
import LoadGenerator

/// The flags of the live show (`barista` with no subcommand): the scenario it opens with.
struct ShowFlags: ParsableArguments {
    @Option(help: "Customers per second into each café (30/s, 600/m).") var rate = "30/s"
    @Option(help: "Brew time of every order.") var brew = DurationArgument(.milliseconds(100))
    @Option(help: "io (the barista waits) or cpu (the barista works) brews.") var kind = BrewKind.io
    @Option(help: "Sync café: baristas (worker threads).") var workers = 4
    @Option(help: "Async café: await (buzzers), block (stalls the loop) or offload (back-room helpers).")
    var handler = HandlerMode.await
    @Option(help: "Async café: event loops.") var loops = 1
    @Option(help: "Async café: back-room helper threads for offload.") var offloadThreads = 4
    @Option(help: "poisson (random, seeded) or constant arrivals.") var arrivals = ArrivalKind.poisson
    @Option(help: "Seed of the poisson arrivals: the same seed, the same customers.") var seed: UInt64 = 7
    @Option(help: "A customer not served this long after arriving walks out.") var patience = DurationArgument(.seconds(10))
    @Option(help: "Slow customers: this share (0-100%) send their order a few bytes at a time over --slow-for.")
    var slow = "0%"
    @Option(help: "How long a slow customer takes to send its whole order.") var slowFor = DurationArgument(.seconds(5))
    @Option(help: "Frames per second.") var fps = 10
    @Flag(help: "No colours (NO_COLOR is honoured too).") var noColor = false
    @Flag(help: "ASCII glyphs only (chosen by itself in a non-UTF-8 locale).") var ascii = false
    @Option(help: "Preferred port of the sync café (a free one is used when busy).") var syncPort = 8001
    @Option(help: "Preferred port of the async café (a free one is used when busy).") var asyncPort = 8002
    @Option(name: .customLong("lesson"), help: "Play a guided lesson around the show (barista lessons lists them).")
    var lessonName: String?

    func validate() throws {
        let ratePerSecond = try parsedRate()
        guard ratePerSecond <= Scenario.maximumRate else {
            throw ValidationError("--rate must be at most \(Int(Scenario.maximumRate))/s, not \(rate)")
        }
        do {
            // The show's own bound on sync baristas (a screen's worth); the rest are the cafés' bounds.
            try CafeLimits.check("--workers", workers, in: 1...Scenario.maximumWorkers)
            try CafeLimits.check("--loops", loops, in: CafeLimits.loops)
            try CafeLimits.check("--offload-threads", offloadThreads, in: CafeLimits.offloadThreads)
        } catch {
            throw ValidationError(error.description)
        }
        guard brew.duration.milliseconds <= Double(Order.maximumMilliseconds) else {
            throw ValidationError("--brew must be at most \(Order.maximumMilliseconds / 1000)s, not \(brew)")
        }
        guard patience.duration > .zero else { throw ValidationError("--patience must be above 0") }
        do { _ = try Load.parseShare(slow) } catch { throw ValidationError("\(error)") }
        guard slowFor.duration > .zero, slowFor.duration <= Scenario.maximumSlowFor else {
            throw ValidationError("--slow-for must be above 0 and at most \(Scenario.maximumSlowFor), not \(slowFor)")
        }
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be from 1 to 60, not \(fps)") }
    }

    private func parsedRate() throws -> Double {
        do {
            return try Rate.parse(rate).perSecond
        } catch {
            throw ValidationError("--rate: \(error)")
        }
    }

    /// The scenario the show opens with.
    var scenario: Scenario {
        Scenario(
            ratePerSecond: (try? parsedRate()) ?? 30, arrivals: arrivals, brewMilliseconds: Int(brew.duration.milliseconds),
            kind: kind, syncWorkers: workers, asyncHandler: handler, loops: loops, offloadThreads: offloadThreads,
            patience: patience.duration, slowShare: (try? Load.parseShare(slow)) ?? 0, slowFor: slowFor.duration)
    }
}
