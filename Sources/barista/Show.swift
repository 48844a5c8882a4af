import ArgumentParser
import CafeModel
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
/// of barista ends them through their parent-death signal.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The live show (the default): both cafés side by side under the same customers.",
        discussion: "Keys: + - customers/s, w W baristas, m async handler, k io/cpu, [ ] brew, a arrivals, space pause, r reset, x clear the shop, ? help, q quit.")

    @OptionGroup var flags: ShowFlags

    func run() throws {
        let status = Self.run(flags)
        if status != 0 { throw ExitCode(status) }
    }

    static func run(_ flags: ShowFlags) -> Int32 {
        // Before any thread exists: these signals then reach only the watcher below.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stopSignals, signal) }
        // SETMASK, not BLOCK: whatever the parent blocked (a test runner blocks most signals) is unblocked.
        pthread_sigmask(SIG_SETMASK, &stopSignals, nil)
        signal(SIGPIPE, SIG_IGN)
        ProcessUsage.raiseOpenFileLimit()

        let options = flags.showOptions
        if let peers = options.peers {
            if !FileManager.default.fileExists(atPath: peers.appDirectory + "/wsgi_app.py") {
                FileHandle.standardError.write(Data(
                    "barista: --peers python: no wsgi_app.py in \(peers.appDirectory) (run from the barista folder, or give --peer-apps)\n".utf8))
                return 2
            }
            if let missing = peers.missing() {
                FileHandle.standardError.write(Data("barista: --peers python: \(missing); install: \(PeerStack.installHint)\n".utf8))
                return 2
            }
        }
        let runner: ScenarioRunner
        do {
            runner = try ScenarioRunner(options: options)
        } catch {
            FileHandle.standardError.write(Data("barista: \(error)\n".utf8))
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

        let terminal: Terminal
        do {
            terminal = try Terminal(options: .init(colors: !flags.noColor))
        } catch {
            FileHandle.standardError.write(Data("barista: \(error.description)\n".utf8))
            return 2
        }
        defer { terminal.restore() }
        let dashboard = DashboardOptions(ascii: flags.ascii, noColor: flags.noColor, fps: flags.fps)
        DashboardApp(terminal: terminal, driver: runner, options: dashboard).run()
        return 0
    }
}
