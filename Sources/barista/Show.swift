import ArgumentParser
import CafeHTTP
import CursesTerminal
import Dashboard
import Flags
import Runner

/// The live show: both cafés as child processes, the same customers, the screen. Every exit path — `q`,
/// Ctrl-C, SIGTERM, SIGHUP (the terminal closed) — restores the terminal and ends the cafés; `kill -9`
/// of barista ends them through their parent-death signal, and its terminal guard gives the terminal back.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The live show (the default): both cafés side by side under the same customers.",
        discussion:
            "Keys: + - customers/s, w W baristas, m async handler, k io/cpu, [ ] brew, a arrivals, space pause, r reset, x clear the shop, ? help, q quit."
    )

    @OptionGroup var flags: ShowFlags
    @OptionGroup var lesson: LessonFlags

    func run() throws {
        let status = try Self.run(flags, lesson: lesson)
        if status != 0 { throw ExitCode(status) }
    }

    /// The show, with the lesson `flags.lessonName` around it when one is asked for (headless or on screen), played
    /// by itself when `demo` is given. The show itself is `ShowSession` in Runner.
    static func run(_ flags: ShowFlags, lesson lessonFlags: LessonFlags, demo: DemoFlags? = nil) throws -> Int32 {
        // Before any thread exists (finding the peers' Python may start one): the stop signals then reach only the
        // show's watcher.
        ShowSession.blockStopSignals()
        let lesson = try flags.lessonName.map { try lessonFlags.load($0) }
        let outputs = try demo?.prepareOutputs()
        // A rehearsal or the demo plays the lesson's own answers: never the student's progress.
        let playedByStudent = demo == nil && !lessonFlags.headless
        let progress = lesson.flatMap { _ in lessonFlags.progress(playedByStudent: playedByStudent) }
        let peers: String?
        switch ShowSession.lessonPeers(lesson: lesson, flagged: flags.peers) {
        case .success(let running): peers = running
        case .failure(let error):
            StderrLog.barista(error.description)
            return 2
        }
        let session = ShowSession(options: try flags.showOptions())
        // The lesson's words name the servers its header runs: they run, whatever the flags say.
        session.options.peers = ShowOptions.peerStack(peers, python: flags.python, peerApps: flags.peerApps)
        session.lesson = lesson
        session.startStep = lessonFlags.step - 1
        session.progress = progress
        session.headless = lessonFlags.headless
        session.demo = demo.map { .init(speed: $0.speed, loop: $0.loop, big: $0.big, json: $0.json, outputs: outputs) }
        session.dashboard = DashboardOptions(ascii: flags.ascii, noColor: flags.noColor, fps: flags.fps)
        session.explicitNginx = flags.nginx
        return session.run { try Terminal(options: .init(colors: !flags.noColor)) }
    }
}

extension Terminal: ShowTerminal {}
