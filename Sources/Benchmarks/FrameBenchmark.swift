import CafeModel
import Dashboard
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// `barista bench frame`: how long building one frame of the show takes (model → Canvas), and how much of it
/// the terminal would have to write after a typical change. README's budget: under 1 ms at 200×60.
public struct FrameBenchmark: Sendable {
    /// Terminal width in columns.
    public var width: Int
    /// Terminal height in rows.
    public var height: Int
    /// Frames to build.
    public var frames: Int

    public init(width: Int = 200, height: Int = 60, frames: Int = 2000) {
        self.width = width
        self.height = height
        self.frames = frames
    }

    public func run() {
        let clock = ContinuousClock()
        let samples = [
            SampleFrames.saturatedSync, SampleFrames.asyncBlocked, SampleFrames.offload, SampleFrames.idleStart,
        ]
        var models = samples.map { DashboardModel(frame: $0, width: width, height: height, options: .init(cores: 2)) }
        // Warm up, then time each frame alone so the percentiles mean something.
        for model in models { _ = DashboardView.render(model) }
        var wall: [Duration] = [], cpu: [Duration] = []
        wall.reserveCapacity(frames)
        cpu.reserveCapacity(frames)
        var previous: Canvas? = nil
        var cellsChanged = 0
        for index in 0..<frames {
            var model = models[index % models.count]
            model.frame.sync.doorQueue = index % 40  // a number that changes, as it does live
            models[index % models.count] = model
            let start = clock.now, startCPU = Self.threadCPU()
            let canvas = DashboardView.render(model)
            cpu.append(Self.threadCPU() - startCPU)
            wall.append(start.duration(to: clock.now))
            if index < 100 {
                cellsChanged += CanvasDiff.runs(from: previous, to: canvas).reduce(0) { $0 + $1.text.count }
            }
            previous = canvas
        }
        let wallFigures = Figures(wall), cpuFigures = Figures(cpu)
        print("frame build at \(width)×\(height), \(frames) frames (load average \(LoadBenchmark.loadAverage())):")
        print(
            "  wall  mean \(wallFigures.mean) µs   p50 \(wallFigures.p50) µs   p99 \(wallFigures.p99) µs   max \(wallFigures.max) µs"
        )
        print(
            "  CPU   mean \(cpuFigures.mean) µs   p50 \(cpuFigures.p50) µs   p99 \(cpuFigures.p99) µs   max \(cpuFigures.max) µs"
                + "   (the thread's own time: other processes' time slices are not in it)")
        print(
            "  budget 1000 µs: \(cpuFigures.p99 < 1000 ? "met" : "NOT met") (CPU p99); wall p99 \(wallFigures.p99 < 1000 ? "met" : "NOT met")"
                + " on this box now")
        print("  cells written per frame while switching scenes (first 100 frames): \(cellsChanged / 100)")
        diffs(models[0], buildCPU: cpuFigures.mean)
    }

    /// Mean and percentiles of a set of durations, in whole microseconds.
    struct Figures {
        var mean = 0, p50 = 0, p99 = 0, max = 0

        init(_ durations: [Duration]) {
            let sorted = durations.sorted()
            guard !sorted.isEmpty else { return }
            func micros(_ value: Duration) -> Int { Int((value.milliseconds * 1000).rounded()) }
            mean = micros(sorted.reduce(Duration.zero, +) / sorted.count)
            p50 = micros(sorted[sorted.count / 2])
            p99 = micros(sorted[sorted.count * 99 / 100])
            max = micros(sorted[sorted.count - 1])
        }
    }

    /// CPU time of the calling thread.
    static func threadCPU() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// What the terminal's side of a tick costs, beside a baseline that says how fast this box is in this run: the
    /// bare diff of a frame against itself (nothing to write, a plain walk over the cells), and the diff against
    /// the previous tick's frame (one count changed).
    private func diffs(_ model: DashboardModel, buildCPU: Int) {
        var next = model
        next.frame.sync.doorQueue += 1
        let before = DashboardView.render(model), after = DashboardView.render(next)
        let unchanged = timed { CanvasDiff.runs(from: before, to: before).count }
        let tick = timed { CanvasDiff.runs(from: before, to: after).count }
        let cells = CanvasDiff.runs(from: before, to: after).reduce(0) { $0 + $1.text.unicodeScalars.count }
        print(
            "  canvas diff of an unchanged frame (this box's baseline): CPU mean \(unchanged.mean) µs   p50 \(unchanged.p50) µs"
        )
        print(
            "  canvas diff after a tick (one count changed, \(cells) cells to write): CPU mean \(tick.mean) µs   p50 \(tick.p50) µs"
        )
        let ratio = (Double(buildCPU) / Double(max(unchanged.mean, 1)) * 10).rounded() / 10
        print("  frame build ÷ baseline diff (CPU means): \(ratio)×")
    }

    private func timed(_ body: () -> Int) -> Figures {
        var durations: [Duration] = []
        var sink = 0
        for _ in 0..<frames {
            let start = Self.threadCPU()
            sink &+= body()
            durations.append(Self.threadCPU() - start)
        }
        if sink == -1 { print(sink) }  // keeps the work from being optimised away
        return Figures(durations)
    }
}
