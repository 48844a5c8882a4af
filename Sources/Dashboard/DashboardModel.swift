import CafeModel
import TerminalUI

/// The screen's whole state, owned by the run loop on the main thread: the latest picture of the show, whether
/// the help is open, the terminal's size and how to draw. Changed only by `update`.
public struct DashboardModel: Equatable, Sendable {
    public var frame: ShowFrame
    public var helpOpen: Bool
    public var width: Int
    public var height: Int
    public var options: DashboardOptions
    /// Ticks since the start: for the little motion a calm screen allows.
    public var ticks: Int

    public init(frame: ShowFrame, width: Int, height: Int, options: DashboardOptions = DashboardOptions()) {
        self.frame = frame
        self.helpOpen = false
        self.width = width
        self.height = height
        self.options = options
        self.ticks = 0
    }

    /// The Elm update: the one place the screen's state changes. Returns what the outside world must do.
    public mutating func update(_ message: DashboardMessage) -> [DashboardEffect] {
        switch message {
        case .tick:
            ticks &+= 1
            return []
        case .frame(let frame):
            self.frame = frame
            return []
        case .resize(let width, let height):
            self.width = width
            self.height = height
            return []
        case .key(let key):
            if helpOpen && key == .escape {
                helpOpen = false
                return []
            }
            let lessonKey = frame.lesson != nil ? KeyMap.lessonAction(for: key) : nil
            guard let action = lessonKey ?? KeyMap.action(for: key) else { return [] }
            switch action {
            case .help:
                helpOpen.toggle()
                return []
            case .quit:
                return [.quit]
            default:
                // Shown at once; the Runner's next frame confirms it.
                frame.scenario = frame.scenario.applying(action)
                if action == .togglePause || action.changesRate {
                    frame.offeredRate = frame.scenario.paused ? 0 : frame.scenario.ratePerSecond
                }
                return [.apply(action)]
            }
        }
    }
}

extension ShowAction {
    fileprivate var changesRate: Bool {
        switch self {
        case .rateUp, .rateDown, .setRate, .setPaused: return true
        default: return false
        }
    }
}
