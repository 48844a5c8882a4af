import CafeModel
import TestSupport
import Testing

@testable import Dashboard

/// The panel's sentence when the customers' generator cannot send everyone: said of the generator (both cafés get
/// the same customers), with the count, the reason and what to do.
@Suite("What to watch: customers not sent", .onOwnThreads)
struct WhatToWatchNotSentTests {
    private func text(_ frame: ShowFrame) -> String { WhatToWatch(frame: frame, cores: 2).text }

    @Test("the generator at its in-flight limit: the count, the limit and the key that helps")
    func inFlightLimit() {
        let words = text(SampleFrames.generatorAtLimit)
        #expect(
            words.hasPrefix(
                "The customers' generator could not send 3,169 customers: its limit of 10,000 in "
                    + "flight per café is reached — lower the rate (-)."), "\(words)")
        #expect(
            !words.contains("sync café") && !words.contains("async café"), "same count: said of the generator: \(words)"
        )
    }

    @Test("out of descriptors or ports: the reason and what to do about it")
    func shortages() {
        var frame = SampleFrames.generatorAtLimit
        frame.sync.notSent?.reason = .outOfDescriptors
        frame.async.notSent?.reason = .outOfDescriptors
        #expect(
            text(frame).contains("out of file descriptors (EMFILE) — raise the open-file limit (ulimit -n)"),
            "\(text(frame))")
        frame.sync.notSent?.reason = .outOfPorts
        frame.async.notSent?.reason = .outOfPorts
        #expect(text(frame).contains("out of local ports (EADDRNOTAVAIL)"), "\(text(frame))")
    }

    @Test("after Ctrl-Z: the customers due while barista was stopped are said to be not sent, not sent in a burst")
    func stopped() {
        var frame = SampleFrames.generatorAtLimit
        frame.sync.notSent?.reason = .stopped
        frame.async.notSent?.reason = .stopped
        #expect(
            text(frame).contains(
                "could not send 3,169 customers: barista was stopped (Ctrl-Z) when they were due — "
                    + "not sent as one burst when it went on."), "\(text(frame))")
    }

    @Test("different counts per café: each café's count is named")
    func differentCounts() {
        var frame = SampleFrames.generatorAtLimit
        frame.async.notSent?.count = 2_900
        let words = text(frame)
        #expect(
            words.contains("could not send 3,169 customers (3,169 to the sync café, 2,900 to the async café)"),
            "\(words)")
        frame.async.notSent = nil
        #expect(text(frame).contains("could not send 3,169 customers to the sync café:"), "\(text(frame))")
        #expect(
            text(frame).contains("The sync café sees fewer customers than the rate says: its pane counts them"),
            "only the sync café is short: \(text(frame))")
    }

    @Test("none sent lately: the sentence gives way (the pane still counts them)")
    func notNow() {
        var frame = SampleFrames.generatorAtLimit
        frame.sync.notSent?.lately = 0
        frame.async.notSent?.lately = 0
        #expect(!text(frame).contains("could not send"), "\(text(frame))")
    }
}

/// Slow customers: the sentence says what really happens once a line forms (the kernel reads at the door).
@Suite("What to watch: slow customers", .onOwnThreads)
struct WhatToWatchSlowTests {
    @Test("with a settled line the sentence says where it settles and how long everyone waits")
    func settledLine() {
        var frame = ShowFrame(scenario: Scenario(ratePerSecond: 10, slowShare: 0.2, slowFor: .seconds(5)))
        frame.sync.baristas = [
            .init(state: .reading, forMs: 900), .init(state: .idle), .init(state: .idle), .init(state: .idle),
        ]
        let words = WhatToWatch(frame: frame, cores: 2).text
        #expect(words.contains("stands reading it and serves nobody else (Slowloris)"), "\(words)")
        #expect(words.contains("the line settles near 35, everyone waiting about 3.5 s"), "\(words)")
        frame.scenario.ratePerSecond = 2
        frame.offeredRate = 2
        #expect(!WhatToWatch(frame: frame, cores: 2).text.contains("settles"), "no line is needed at 2/s")
    }
}

/// A full door: the sentence's numbers are the ones the pane shows (Linux queues one more than the backlog).
@Suite("What to watch: a full door", .onOwnThreads)
struct WhatToWatchFullDoorTests {
    @Test("the backlog, the one more Linux lets in, and at most backlog + 1 at the door: the 2,049 the pane shows")
    func fullDoor() {
        let frame = SampleFrames.fullBacklog
        let words = WhatToWatch(frame: frame, cores: 2).text
        #expect(words.contains("door is full: its backlog is 2,048, Linux lets one more in"), "\(words)")
        #expect(words.contains("312 of them waiting outside now"), "\(words)")
        #expect(words.contains("At most 2,049 fit at the door"), "\(words)")
        #expect(frame.sync.doorQueue <= 2_049, "the sample stays within what the sentence allows")
        for (width, height) in [(80, 24), (200, 60)] {
            let lines = screen(frame, width: width, height: height)
            #expect(lines.contains { $0.contains("At most 2,049 fit at the door") }, "whole at \(width)×\(height)")
        }
    }
}
