import CafeModel
import TerminalUI

/// The Elm loop on the main thread: every tick it takes the driver's frame, draws, and in between it waits for
/// keys, turning each into messages, effects and an immediate redraw. Returns when `q` is pressed or the driver
/// asks to stop; the caller then restores the terminal and ends the cafés.
public final class DashboardApp {
    private let terminal: any TerminalBackend
    private let driver: any ShowDriver
    public private(set) var model: DashboardModel
    /// Called with every screen drawn (a recording of the session).
    public var onDraw: ((DashboardModel, Canvas) -> Void)?

    public init(terminal: any TerminalBackend, driver: any ShowDriver, options: DashboardOptions) {
        self.terminal = terminal
        self.driver = driver
        var options = options
        if !terminal.unicodeEnabled { options.ascii = true }
        if !terminal.colorsEnabled { options.noColor = true }
        self.model = DashboardModel(
            frame: driver.frame(), width: terminal.width, height: terminal.height, options: options)
    }

    public func run() {
        let clock = ContinuousClock()
        let interval = Duration.seconds(1) / model.options.fps
        var nextTick = clock.now
        draw()
        while true {
            nextTick = nextTick.advanced(by: interval)
            if nextTick < clock.now { nextTick = clock.now.advanced(by: interval) }  // a slow frame: skip, don't race
            while clock.now < nextTick {
                guard let event = terminal.nextEvent(timeout: clock.now.duration(to: nextTick)) else { continue }
                let message: DashboardMessage
                switch event {
                case .key(let key): message = .key(key)
                case .resize(let width, let height): message = .resize(width: width, height: height)
                }
                if !send(message) { return }
                draw()
            }
            if driver.stopRequested { return }
            _ = send(.frame(driver.frame()))
            _ = send(.tick)
            draw()
        }
    }

    private func draw() {
        let canvas = DashboardView.render(model)
        terminal.draw(canvas)
        onDraw?(model, canvas)
    }

    /// Runs one message through update and performs its effects; false when the show must end.
    private func send(_ message: DashboardMessage) -> Bool {
        for effect in model.update(message) {
            switch effect {
            case .apply(let action): driver.perform(action)
            case .quit: return false
            }
        }
        return true
    }
}
