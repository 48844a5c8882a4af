import CafeModel
import Foundation
import TestSupport
import Testing

@testable import Runner

/// The cores row's figures: every share measured over one interval from the kernel's counters, never more than
/// the machine, and what is left of its busy time named "everything else".
@Suite("Who keeps the cores busy", .onOwnThreads)
struct MachineCoresTests {
    private func reading(
        total: Double, busy: Double, sync: Double?, async: Double?, show: Double
    ) -> MachineCores.Reading {
        MachineCores.Reading(machine: (total, busy), sync: sync, async: async, show: show)
    }

    @Test("shares over one interval: the cafés, the show and everything else add up to the machine's busy time")
    func shares() {
        var cores = MachineCores(cores: 2)
        #expect(cores.measure(reading(total: 100, busy: 50, sync: 10, async: 10, show: 5)) == nil)
        // One second later (2 cores: 2 CPU seconds in all), 1.9 of them busy.
        let load = cores.measure(reading(total: 102, busy: 51.9, sync: 10.2, async: 10.3, show: 6.3))
        #expect(load?.syncCafe.map { abs($0 - 0.2) < 1e-9 } == true)
        #expect(load?.asyncCafe.map { abs($0 - 0.3) < 1e-9 } == true)
        #expect(load.map { abs($0.show - 1.3) < 1e-9 } == true)
        #expect(load?.other.map { abs($0 - 0.1) < 1e-9 } == true)
        #expect(load?.limit == .customers)
    }

    @Test("a burst of CPU seconds in a short interval is not read: the interval is at least a second of the machine's")
    func shortInterval() {
        var cores = MachineCores(cores: 2)
        _ = cores.measure(reading(total: 100, busy: 50, sync: 10, async: 10, show: 5))
        // A tenth of a second later a café reports 0.6 s more (the old `6.3 of 2`): not measured yet.
        #expect(cores.measure(reading(total: 100.2, busy: 50.2, sync: 10.6, async: 10, show: 5)) == nil)
    }

    @Test("ticks that round a process above the machine are scaled down: never more than N of N")
    func neverAboveTheMachine() {
        let load = MachineCores.shares(
            from: reading(total: 0, busy: 0, sync: 0, async: 0, show: 0),
            to: reading(total: 2, busy: 1.9, sync: 1.2, async: 0.9, show: 0.3), elapsed: 1, cores: 2)
        let sum = (load.syncCafe ?? 0) + (load.asyncCafe ?? 0) + load.show + (load.other ?? 0)
        #expect(sum <= 2 + 1e-9, "\(load)")
        #expect(load.used <= 2)
    }

    @Test("this machine's counters read back: /proc/stat and this process's own CPU time")
    func kernelCounters() throws {
        let machine = MachineCores.machineSeconds()
        #expect(machine.total > 0 && machine.busy > 0 && machine.busy <= machine.total)
        let own = try #require(MachineCores.processSeconds(getpid()))
        #expect(own > 0)
        #expect(MachineCores.processSeconds(Int32.max) == nil)
    }
}
