import CafeHTTP
import ArgumentParser
import CafeModel
import CursesTerminal
import Curriculum
import Dashboard
import Foundation
import Runner
import Telemetry
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// The live show: both cafés as child processes, the same customers, the screen. Every exit path — `q`,
/// Ctrl-C, SIGTERM, SIGHUP (the terminal closed) — restores the terminal and ends the cafés; `kill -9`
/// of barista ends them through their parent-death signal, and its terminal guard gives the terminal back.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The live show (the default): both cafés side by side under the same customers.",
        discussion: "Keys: + - customers/s, w W baristas, m async handler, k io/cpu, [ ] brew, a arrivals, space pause, r reset, x clear the shop, ? help, q quit.")

    @OptionGroup var flags: ShowFlags
    @OptionGroup var lesson: LessonFlags

    func run() throws {
        let status = try Self.run(flags, lesson: lesson)
        if status != 0 { throw ExitCode(status) }
    }

    /// The show, with the lesson `flags.lessonName` around it when one is asked for (headless or on screen), played
    /// by itself when `demo` is given.
    static func run(_ flags: ShowFlags, lesson lessonFlags: LessonFlags, demo: DemoFlags? = nil) throws -> Int32 {
        let lesson = try flags.lessonName.map { try lessonFlags.load($0) }
        let outputs = try demo?.prepareOutputs()
        // A rehearsal or the demo plays the lesson's own answers: never the student's progress.
        let playedByStudent = demo == nil && !lessonFlags.headless
        let progress = lesson.flatMap { _ in lessonFlags.progress(playedByStudent: playedByStudent) }
        // Before any thread exists: these signals then reach only the watcher below.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stopSignals, signal) }
        // SETMASK, not BLOCK: whatever the parent blocked (a test runner blocks most signals) is unblocked.
        pthread_sigmask(SIG_SETMASK, &stopSignals, nil)
        signal(SIGPIPE, SIG_IGN)
        ProcessUsage.raiseOpenFileLimit()

        var flags = flags
        if let declared = lesson?.peers {
            // The lesson's words name the servers its header runs: they run, whatever the flags say.
            guard flags.peers == nil || flags.peers == declared else {
                StderrLog.barista(
                    "lesson '\(lesson?.name ?? "")' runs --peers \(declared); it cannot be played with --peers \(flags.peers ?? "")")
                return 2
            }
            flags.peers = declared
        }
        let options = flags.showOptions
        if let peers = options.peers {
            if !FileManager.default.fileExists(atPath: peers.appDirectory + "/" + peers.marker) {
                FileHandle.standardError.write(Data(
                    "barista: --peers \(peers.apps): no \(peers.marker) in \(peers.appDirectory) (give --peer-apps DIR)\n".utf8))
                return 2
            }
            if let missing = peers.missing() {
                FileHandle.standardError.write(Data("barista: --peers \(peers.apps): \(missing); install: \(PeerStack.installHint)\n".utf8))
                return 2
            }
        }
        if options.scenario.syncProxy == .nginx && options.nginx == nil {
            let which = flags.nginx.map { "--nginx: no nginx at \($0); install: sudo apt-get install nginx" }
                ?? NginxFront.installHint
            FileHandle.standardError.write(Data("barista: --proxy nginx: \(which)\n".utf8))
            return 2
        }
        let runner: ScenarioRunner
        do {
            // A lesson opens with its first step's scene, the door closed until the step begins.
            var options = options
            if let lesson { options.scenario = lesson.scenes[lessonFlags.step - 1].applying(.setPaused(true)) }
            runner = try ScenarioRunner(options: options)
        } catch {
            StderrLog.barista("\(error)")
            return 1
        }
        defer { runner.shutdown() }
        let stop = runner.stopRequest, waitedFor = stopSignals
        let watcher = Thread {
            var set = waitedFor
            var received: Int32 = 0
            sigwait(&set, &received)
            stop.raise()
        }
        watcher.start()

        let autoPlay: AutoPlay? = demo.map { .demo(speed: $0.speed, loop: $0.loop) } ?? (lessonFlags.headless ? .rehearsal() : nil)
        let driver: any ShowDriver = lesson.map {
            LessonDriver(
                inner: runner, lesson: $0, startStep: lessonFlags.step - 1, progress: progress,
                autoPlay: autoPlay)
        } ?? runner
        if lessonFlags.headless, let lessonDriver = driver as? LessonDriver {
            // Written at once, line by line: a rehearsal piped to a file or `tee` shows each step as it comes.
            var headless = HeadlessLesson(driver: lessonDriver, text: !(demo?.json ?? false)) {
                FileHandle.standardOutput.write(Data(($0 + "\n").utf8))
            }
            if let outputs {
                // Without a terminal the recording shows the screen a 120×40 terminal would have shown.
                let options = DashboardOptions(ascii: flags.ascii, noColor: flags.noColor, fps: flags.fps)
                let title = lessonDriver.player.lesson.title
                headless.onFrame = { frame in
                    let model = DashboardModel(frame: frame, width: 120, height: 40, options: options)
                    outputs.record(DashboardView.render(model), lesson: frame.lesson, title: title)
                }
            }
            let outcome = headless.play()
            if demo?.json == true { print(DemoFlags.json(outcome, lesson: lessonDriver.player.lesson)) }
            try outputs?.finish(outcome.records, lesson: lessonDriver.player.lesson)
            return outcome.passed ? 0 : 1
        }

        // The shell's tty settings, before ncurses changes them: the terminal guard puts them back after a kill -9.
        var shellMode = termios()
        let haveShellMode = tcgetattr(STDIN_FILENO, &shellMode) == 0
        let terminal: Terminal
        do {
            terminal = try Terminal(options: .init(colors: !flags.noColor))
        } catch {
            StderrLog.barista(error.description)
            return 2
        }
        let terminalGuard = haveShellMode
            ? TerminalGuard.start(shellMode: shellMode, restore: terminal.emergencyRestore) : nil
        defer {
            terminal.restore()
            terminalGuard?.dismiss()
        }
        let big = demo?.big ?? false
        if big && (terminal.width < BigView.minimumWidth || terminal.height < BigView.minimumHeight) {
            terminal.restore()
            StderrLog.barista(
                "--big needs a terminal of at least \(BigView.minimumWidth)×\(BigView.minimumHeight); this one is \(terminal.width)×\(terminal.height)")
            return 2
        }
        let dashboard = DashboardOptions(ascii: flags.ascii, noColor: flags.noColor, fps: flags.fps, big: big)
        let app = DashboardApp(terminal: terminal, driver: driver, options: dashboard)
        if let outputs {
            let title = lesson?.title ?? "barista"
            app.onDraw = { model, canvas in outputs.record(canvas, lesson: model.frame.lesson, title: title) }
        }
        app.run()
        terminal.restore()
        // Said on the screen while it ran; each whole line again where it stays readable.
        progress?.printWarnings()
        if let lessonDriver = driver as? LessonDriver { try outputs?.finish(lessonDriver.records, lesson: lessonDriver.player.lesson) }
        return 0
    }
}
