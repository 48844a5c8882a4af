import CafeModel
import Dashboard
import TerminalUI

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
        let samples = [SampleFrames.saturatedSync, SampleFrames.asyncBlocked, SampleFrames.offload, SampleFrames.idleStart]
        var models = samples.map { DashboardModel(frame: $0, width: width, height: height, options: .init(cores: 2)) }
        // Warm up, then time each frame alone so the percentiles mean something.
        for model in models { _ = DashboardView.render(model) }
        var durations: [Duration] = []
        durations.reserveCapacity(frames)
        var previous: Canvas? = nil
        var cellsChanged = 0
        for index in 0..<frames {
            var model = models[index % models.count]
            model.frame.sync.doorQueue = index % 40  // a number that changes, as it does live
            models[index % models.count] = model
            let start = clock.now
            let canvas = DashboardView.render(model)
            durations.append(start.duration(to: clock.now))
            if index < 100 { cellsChanged += CanvasDiff.runs(from: previous, to: canvas).reduce(0) { $0 + $1.text.count } }
            previous = canvas
        }
        durations.sort()
        func percentile(_ p: Double) -> String {
            let value = durations[min(Int(Double(durations.count - 1) * p), durations.count - 1)]
            return String(Int((value.milliseconds * 1000).rounded())) + " µs"
        }
        let mean = durations.reduce(Duration.zero, +) / durations.count
        print("frame build at \(width)×\(height), \(frames) frames:")
        print("  mean \(Int((mean.milliseconds * 1000).rounded())) µs   p50 \(percentile(0.5))   p99 \(percentile(0.99))   max \(percentile(1))")
        print("  budget 1000 µs: \(durations[durations.count * 99 / 100].milliseconds < 1 ? "met" : "NOT met") (p99)")
        print("  cells written per frame while switching scenes (first 100 frames): \(cellsChanged / 100)")
    }
}
