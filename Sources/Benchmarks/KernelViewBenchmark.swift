import CafeHTTP
import CafeModel

#if canImport(Glibc)
import Glibc
#endif

/// `barista bench kernel`: what reading a server's inside from the kernel costs (`KernelProcessView`): one sample
/// (every thread's stat and wchan) and one scan of `/proc` for the process tree, in CPU time, and what that makes at
/// the show's poll rate (a sample at most every 200 ms, a scan once a second, for each server watched).
public struct KernelViewBenchmark: Sendable {
    /// The process whose tree is read (gunicorn's arbiter, nginx's master); this process when nil.
    public var pid: Int32?
    /// Samples (and scans) to time.
    public var samples: Int

    public init(pid: Int32? = nil, samples: Int = 500) {
        self.pid = pid
        self.samples = samples
    }

    public func run() {
        let root = pid ?? getpid()
        guard let first = KernelProcessView(root: root).sample() else {
            print("no process \(root) to read")
            return
        }
        // Each reading on a fresh view, so nothing is served from the cache: the sample with its tree scan, then the
        // sample alone (the tree kept, as between scans).
        let withScan =
            cpuMicroseconds {
                for _ in 0..<samples { _ = KernelProcessView(root: root).sample() }
            } / Double(samples)
        let view = KernelProcessView(root: root)
        _ = view.sample()
        let sampleOnly =
            cpuMicroseconds {
                for _ in 0..<samples { _ = view.sampleNow() }
            } / Double(samples)
        let scan = max(withScan - sampleOnly, 0)
        let perSecond = sampleOnly * 5 + scan  // 5 samples and 1 scan a second per server
        let tree = "\(first.processes.count) processes, \(first.threads.count) threads"
        print("kernel view of pid \(root): \(tree); \(samples) readings:")
        print("  one sample (stat + wchan of every thread): \(Int(sampleOnly.rounded())) µs of CPU")
        print("  one scan of /proc for the tree:            \(Int(scan.rounded())) µs of CPU")
        let percent = String(format: "%.2f", perSecond / 10_000)
        print("  at the show's rate (5 samples + 1 scan a second): \(percent)% of one core per server watched")
    }

    /// CPU time (user + system) of this process spent in `work`, in microseconds.
    private func cpuMicroseconds(_ work: () -> Void) -> Double {
        func now() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        }
        let before = now()
        work()
        return now() - before
    }
}
