import CafeHTTP
import CafeModel
import Curriculum
import Dashboard
import Foundation
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// The terminal the show draws on, beyond drawing: what gives it back (CursesTerminal's `Terminal`).
public protocol ShowTerminal: TerminalBackend {
    /// The bytes that give the terminal back when the show cannot (its terminal guard writes them after a kill -9).
    var emergencyRestore: [UInt8] { get }
    /// Gives the terminal back; safe to call more than once.
    func restore()
}

extension ShowSession {
    /// The show on the screen until `q` or a stop signal; the terminal given back on every way out.
    func showOnScreen(_ driver: any ShowDriver, makeTerminal: MakeTerminal) -> Int32 {
        // The shell's tty settings, before the terminal changes them: the terminal guard puts them back after a
        // kill -9.
        var shellMode = termios()
        let haveShellMode = tcgetattr(STDIN_FILENO, &shellMode) == 0
        let terminal: any ShowTerminal
        do {
            terminal = try makeTerminal()
        } catch {
            StderrLog.barista("\(error)")
            return 2
        }
        let terminalGuard =
            haveShellMode ? TerminalGuard.start(shellMode: shellMode, restore: terminal.emergencyRestore) : nil
        defer {
            terminal.restore()
            terminalGuard?.dismiss()
        }
        let big = demo?.big ?? false
        if big && (terminal.width < BigView.minimumWidth || terminal.height < BigView.minimumHeight) {
            terminal.restore()
            StderrLog.barista(
                "--big needs a terminal of at least \(BigView.minimumWidth)×\(BigView.minimumHeight); "
                    + "this one is \(terminal.width)×\(terminal.height)")
            return 2
        }
        var options = dashboard
        options.big = big
        let app = DashboardApp(terminal: terminal, driver: driver, options: options)
        let outputs = demo?.outputs
        if let outputs {
            let title = lesson?.title ?? "barista"
            app.onDraw = { model, canvas in outputs.record(canvas, lesson: model.frame.lesson, title: title) }
        }
        app.run()
        terminal.restore()
        // Said on the screen while it ran; each whole line again where it stays readable.
        progress?.printWarnings()
        if let lessonDriver = driver as? LessonDriver {
            guard Self.finish(outputs, lessonDriver.records, lesson: lessonDriver.player.lesson) else { return 2 }
        }
        return 0
    }
}
