import CafeHTTP
import CafeModel
import Curriculum
import Dashboard
import Foundation
import Telemetry
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// One run of the live show (`barista`, `barista lesson NAME`, `barista demo`): the signals that stop it, the
/// checks before any café starts, the cafés, the lesson around them, and then either headless play (text or JSON on
/// stdout) or the screen, with the demo's recording and report. Every exit path ends the cafés; on screen the
/// terminal is given back, and a terminal guard gives it back after a `kill -9`.
///
/// The commands only read flags into a session and call `run`; everything here but the screen runs without a
/// terminal (see `preflight` and `lessonPeers`).
public final class ShowSession {
    /// The scene, ports and outside servers the show opens with (peers as the lesson decided, see `lessonPeers`).
    public var options: ShowOptions
    /// The lesson played around the show, and its first step (0-based).
    public var lesson: Lesson?
    public var startStep = 0
    /// The student's progress; nil when the lesson's own answers are played (a rehearsal, the demo).
    public var progress: LessonProgress?
    /// No screen: the lesson is played by itself and written as text (or JSON) on stdout.
    public var headless = false
    /// The demo's script, layout and outputs; nil for the show and a lesson played by a student.
    public var demo: Demo?
    /// How the screen is drawn (the demo's `big` is taken from `demo`).
    public var dashboard = DashboardOptions()
    /// `--nginx PATH` as given, for the one line that says it is not there.
    public var explicitNginx: String?

    /// What `barista demo` adds: how fast the script goes, looping, the projector layout, JSON, and the outputs.
    public struct Demo {
        public var speed: Double
        public var loop: Bool
        public var big: Bool
        public var json: Bool
        public var outputs: DemoOutputs?

        public init(speed: Double, loop: Bool, big: Bool, json: Bool, outputs: DemoOutputs?) {
            self.speed = speed
            self.loop = loop
            self.big = big
            self.json = json
            self.outputs = outputs
        }
    }

    /// The screen the show draws on: a real terminal, given back on every way out.
    public typealias MakeTerminal = () throws -> any ShowTerminal

    public init(options: ShowOptions) { self.options = options }

    /// The peers the show runs: a lesson that names its servers (`peers:` in its header) runs them, whatever the
    /// flags say; a flag naming others is one line of error.
    public static func lessonPeers(lesson: Lesson?, flagged: String?) -> Result<String?, ShowSessionError> {
        guard let declared = lesson?.peers else { return .success(flagged) }
        guard flagged == nil || flagged == declared else {
            let name = lesson?.name ?? "", other = flagged ?? ""
            return .failure(
                ShowSessionError("lesson '\(name)' runs --peers \(declared); it cannot be played with --peers \(other)")
            )
        }
        return .success(declared)
    }

    /// What must be on this machine before anything starts (the peers' apps and Python modules, nginx), as the
    /// one line to print; nil when all is there.
    public func preflight() -> String? {
        if let peers = options.peers {
            if !FileManager.default.fileExists(atPath: peers.appDirectory + "/" + peers.marker) {
                return "--peers \(peers.apps): no \(peers.marker) in \(peers.appDirectory) (give --peer-apps DIR)"
            }
            if let missing = peers.missing() {
                return "--peers \(peers.apps): \(missing); install: \(PeerStack.installHint)"
            }
        }
        if options.scenario.syncProxy == .nginx && options.nginx == nil {
            let which =
                explicitNginx.map { "--nginx: no nginx at \($0); install: sudo apt-get install nginx" }
                ?? NginxFront.installHint
            return "--proxy nginx: \(which)"
        }
        return nil
    }

    /// Runs the show until it is left (`q`, the end of a headless lesson, a stop signal); the exit code. Call it
    /// before any thread exists: the stop signals are blocked here so that only its watcher receives them.
    public func run(terminal makeTerminal: MakeTerminal) -> Int32 {
        let stopSignals = Self.blockStopSignals()
        ProcessUsage.raiseOpenFileLimit()
        if let problem = preflight() {
            StderrLog.barista(problem)
            return 2
        }
        let runner: ScenarioRunner
        do {
            // A lesson opens with its first step's scene, the door closed until the step begins.
            var options = options
            if let lesson { options.scenario = lesson.scenes[startStep].applying(.setPaused(true)) }
            runner = try ScenarioRunner(options: options)
        } catch {
            StderrLog.barista("\(error)")
            return 1
        }
        defer { runner.shutdown() }
        Self.watch(stopSignals, then: runner.stopRequest)
        let driver = makeDriver(around: runner)
        if headless, let lessonDriver = driver as? LessonDriver { return playHeadless(lessonDriver) }
        return showOnScreen(driver, makeTerminal: makeTerminal)
    }

    /// The lesson's driver around the show when there is a lesson, played by itself in a demo or a rehearsal.
    func makeDriver(around runner: any ShowDriver) -> any ShowDriver {
        guard let lesson else { return runner }
        let autoPlay: AutoPlay? =
            demo.map { .demo(speed: $0.speed, loop: $0.loop) } ?? (headless ? .rehearsal() : nil)
        return LessonDriver(
            inner: runner, lesson: lesson, startStep: startStep, progress: progress, autoPlay: autoPlay)
    }

    /// Without a screen: each step as it comes, written at once line by line (a rehearsal piped to a file or `tee`
    /// shows each step as it comes); 0 when every check passed, 1 when one failed, 2 when an output failed.
    func playHeadless(_ driver: LessonDriver) -> Int32 {
        let json = demo?.json ?? false
        var headless = HeadlessLesson(driver: driver, text: !json) {
            FileHandle.standardOutput.write(Data(($0 + "\n").utf8))
        }
        let outputs = demo?.outputs
        if let outputs {
            // Without a terminal the recording shows the screen a 120×40 terminal would have shown.
            let options = dashboard
            let title = driver.player.lesson.title
            headless.onFrame = { frame in
                let model = DashboardModel(frame: frame, width: 120, height: 40, options: options)
                outputs.record(DashboardView.render(model), lesson: frame.lesson, title: title)
            }
        }
        let outcome = headless.play()
        if json { print(outcome.json(lesson: driver.player.lesson)) }
        guard Self.finish(outputs, outcome.records, lesson: driver.player.lesson) else { return 2 }
        return outcome.passed ? 0 : 1
    }

    /// Closes the demo's outputs; false (after one line saying why) when one could not be written.
    static func finish(_ outputs: DemoOutputs?, _ records: [StepRecord], lesson: Lesson) -> Bool {
        do {
            try outputs?.finish(records, lesson: lesson)
            return true
        } catch {
            StderrLog.barista("\(error)")
            return false
        }
    }

    // MARK: signals

    /// SIGTERM, SIGINT and SIGHUP blocked in this thread and every thread started after it, so that they reach only
    /// the watcher; SIGPIPE ignored. Call before any thread starts (`run` calls it again).
    @discardableResult
    public static func blockStopSignals() -> sigset_t {
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stopSignals, signal) }
        // SETMASK, not BLOCK: whatever the parent blocked (a test runner blocks most signals) is unblocked.
        pthread_sigmask(SIG_SETMASK, &stopSignals, nil)
        signal(SIGPIPE, SIG_IGN)
        return stopSignals
    }

    /// A thread that waits for one of `signals` and then asks the show to stop.
    static func watch(_ signals: sigset_t, then stop: StopRequest) {
        let waitedFor = signals
        Thread {
            var set = waitedFor
            var received: Int32 = 0
            sigwait(&set, &received)
            stop.raise()
        }.start()
    }
}

/// One line saying why the show cannot be played as asked (printed as `barista: …`, exit 2).
public struct ShowSessionError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
