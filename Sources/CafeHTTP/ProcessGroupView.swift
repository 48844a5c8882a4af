import CafeModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The kernel's view of one process group (`/proc/PID/stat` of each of its processes): how many live processes,
/// how many threads they hold, how much CPU they used. The panes of real servers (gunicorn, uvicorn, Django) are
/// drawn from it, since those servers have no `/stats`; the next step is each thread's state and wchan.
public struct ProcessGroupView: Equatable, Sendable {
    public var processes: Int
    public var threads: Int
    /// CPU seconds used so far (user + system).
    public var cpuSeconds: Double

    /// The group's processes now, leaving out `excluded` (the guard barista put in the group).
    public static func read(group: pid_t, excluding excluded: pid_t? = nil) -> ProcessGroupView {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var view = ProcessGroupView(processes: 0, threads: 0, cpuSeconds: 0)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != excluded,
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            // cutime cstime priority nice num_threads.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 17, fields[0] != "Z", Int32(fields[2]) == group,
                let user = Double(fields[11]), let system = Double(fields[12]), let threads = Int(fields[17])
            else { continue }
            view.processes += 1
            view.threads += threads
            view.cpuSeconds += (user + system) / ticks
        }
        return view
    }

    public var counts: KernelProcesses { KernelProcesses(processes: processes, threads: threads) }
}
