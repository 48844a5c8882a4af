/// A key for the lesson player, as a value: the keyboard and a scripted demo send the same ones.
public enum LessonKey: Equatable, Hashable, Sendable {
    /// Next step (`n`, `→`) and the step before (`b`, `←`).
    case next, back
    /// Commit the typed answer, or show the explanation (`Enter`).
    case enter
    /// Show the step's hint (`h`).
    case hint
    /// Start the step again from a clean slate (`x`).
    case restart
    /// A character of the answer being typed (a digit, `.`), and erasing the last one.
    case type(Character)
    case erase
    /// Scroll the narration when it is longer than the panel.
    case scrollUp, scrollDown
    /// The auto-played demo: pause or resume the script (the cafés keep running).
    case pauseScript
}
