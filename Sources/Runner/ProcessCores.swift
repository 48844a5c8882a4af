/// Cores a process used lately, from its running total of CPU seconds: the difference over at least half a
/// second, so one frame's jitter does not show.
struct ProcessCores {
    private var last: (seconds: Double, at: ContinuousClock.Instant)?
    private(set) var cores = 0.0

    /// Takes the process's CPU seconds so far; returns the cores used over the latest half second or more.
    mutating func measure(_ cpuSeconds: Double, at now: ContinuousClock.Instant = .now) -> Double {
        guard let last else {
            self.last = (cpuSeconds, now)
            return cores
        }
        let elapsed = last.at.duration(to: now).milliseconds / 1000
        guard elapsed >= 0.5 else { return cores }
        cores = max(cpuSeconds - last.seconds, 0) / elapsed
        self.last = (cpuSeconds, now)
        return cores
    }
}
