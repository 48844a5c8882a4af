import ArgumentParser
import CafeHTTP
import Curriculum

/// The flags of the demo: how fast the script goes, looping, the projector layout, JSON, and what to write.
public struct DemoFlags: ParsableArguments {
    public init() {}

    @Option("Play the script this many times faster (the cafés' physics stay real).")
    public var speed = 1.0
    @Flag(help: "Start again at the end (an open day).") public var loop = false
    @Flag(help: "A presentation layout for projectors: fewer, larger figures (needs 100×30).") public var big = false
    @Flag(help: "With --headless: print the steps and figures as JSON.") public var json = false

    @Option("Write the session as an asciicast v2 recording (asciinema play FILE.cast), with a marker per step.")
    public var record: String?
    @Flag(help: "Let --record replace an existing recording.") public var force = false
    @Option("After the run, write a Markdown report with one SVG chart per step into this (new or empty) folder.")
    public var report: String?

    /// Checks the outputs before the cafés start, so a bad path is one line and nothing is half-written later.
    public func prepareOutputs() throws -> DemoOutputs? {
        try OneLineError.orExit { try DemoOutputs.prepare(record: record, overwrite: force, report: report) }
    }
}
