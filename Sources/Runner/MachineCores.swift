import CafeModel
import Foundation

/// Who keeps this machine's cores busy, measured over one interval for everyone: the machine's busy time from
/// `/proc/stat`, each café's and the show's CPU seconds read at the same instant. Shares measured over one
/// interval cannot add up to more than the machine, and what is left of its busy time is "everything else".
///
/// A café's CPU time comes from the kernel, not from its `/stats`: a snapshot that arrives late must not pour
/// seconds of CPU into one frame (the old `14.1 of 2`).
struct MachineCores {
    /// One reading of every counter, at one instant.
    struct Reading {
        /// Seconds of CPU time the machine has had in all (busy + idle) and busy, over all cores (`/proc/stat`).
        var total: Double
        var busy: Double
        var sync: Double?
        var async: Double?
        var show: Double

        init(machine: (total: Double, busy: Double), sync: Double?, async: Double?, show: Double) {
            total = machine.total
            busy = machine.busy
            self.sync = sync
            self.async = async
            self.show = show
        }
    }

    private var last: Reading?
    private(set) var load: MachineLoad?
    let cores: Int

    /// The shortest interval measured: shorter ones make one scheduler tick look like a tenth of a core.
    static let interval = 1.0

    init(cores: Int = ProcessInfo.processInfo.activeProcessorCount) { self.cores = max(cores, 1) }

    /// Takes a reading; returns the load over the latest interval of at least a second (the previous one until
    /// then, nil before the first).
    mutating func measure(_ reading: Reading) -> MachineLoad? {
        guard let last else {
            self.last = reading
            return load
        }
        // The interval is the machine's own: its total CPU time over its cores.
        let elapsed = (reading.total - last.total) / Double(cores)
        guard elapsed >= Self.interval else { return load }
        self.last = reading
        load = Self.shares(from: last, to: reading, elapsed: elapsed, cores: cores)
        return load
    }

    /// The shares over one interval: each process's CPU seconds per second, scaled down together if ticks
    /// rounding makes them add up to more than the machine was busy, and the rest of the busy time as "other".
    static func shares(from old: Reading, to new: Reading, elapsed: Double, cores: Int) -> MachineLoad {
        func rate(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b else { return nil }
            return max(b - a, 0) / elapsed
        }
        var sync = rate(old.sync, new.sync)
        var async = rate(old.async, new.async)
        var show = max(new.show - old.show, 0) / elapsed
        let busy = min(max(new.busy - old.busy, 0) / elapsed, Double(cores))
        let known = (sync ?? 0) + (async ?? 0) + show
        // Accounting by ticks can put a process a little above the machine's busy time; the machine's figure
        // is the bound.
        let ceiling = max(busy, min(known, Double(cores)))
        if known > ceiling, known > 0 {
            let scale = ceiling / known
            sync = sync.map { $0 * scale }
            async = async.map { $0 * scale }
            show *= scale
        }
        let other = new.total > 0 ? max(ceiling - min(known, ceiling), 0) : nil
        return MachineLoad(cores: cores, syncCafe: sync, asyncCafe: async, show: show, other: other)
    }

    // MARK: reading the kernel

    /// The machine's CPU seconds so far from the first line of `/proc/stat` (all cores): total and busy (all but
    /// idle and iowait). Zero where there is no `/proc/stat`.
    static func machineSeconds() -> (total: Double, busy: Double) {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n", maxSplits: 1).first, line.hasPrefix("cpu ")
        else { return (0, 0) }
        // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
        let ticks = line.split(separator: " ").dropFirst().prefix(8).compactMap { Double($0) }
        guard ticks.count >= 5 else { return (0, 0) }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let total = ticks.reduce(0, +)
        return (total / hertz, (total - ticks[3] - ticks[4]) / hertz)
    }

    /// A process's CPU seconds so far (user + system, all its threads) from `/proc/<pid>/stat`; nil when it is
    /// gone or unreadable.
    static func processSeconds(_ pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
