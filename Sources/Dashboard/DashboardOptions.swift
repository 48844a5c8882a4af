import Foundation

/// How the show is drawn, from the command line and the environment: `--ascii`, `--no-color`, `--fps`.
public struct DashboardOptions: Equatable, Sendable {
    /// Draw with ASCII glyphs only (`--ascii`, or a locale that is not UTF-8).
    public var ascii: Bool
    /// Draw without colours (`--no-color`, `NO_COLOR`); meaning stays in glyphs and words.
    public var noColor: Bool
    /// Frames drawn per second.
    public var fps: Int
    /// Cores of this machine: a CPU brew cannot run on more at once (the theory line needs it).
    public var cores: Int
    /// The presentation layout for a projector (`barista demo --big`): fewer, larger figures.
    public var big: Bool

    public init(ascii: Bool = false, noColor: Bool = false, fps: Int = 10, cores: Int? = nil, big: Bool = false) {
        self.big = big
        self.ascii = ascii
        self.noColor = noColor
        self.fps = min(max(fps, 1), 60)
        self.cores = max(cores ?? ProcessInfo.processInfo.activeProcessorCount, 1)
    }
}
