import CafeModel
import TerminalUI

/// Everything that can happen to the screen, as a message for `DashboardModel.update`: a clock tick, a key, a new
/// picture of both cafés from the Runner, a new terminal size.
public enum DashboardMessage: Equatable, Sendable {
    case tick
    case key(Key)
    case frame(ShowFrame)
    case resize(width: Int, height: Int)
}

/// What `update` asks the outside world to do: change the show (the Runner applies it to the load and the
/// servers through `/control`), or end it.
public enum DashboardEffect: Equatable, Sendable {
    case apply(ShowAction)
    case quit
}
