import ArgumentParser

// barista's options read the word after the flag as its value, whatever it looks like: `--rate -5/s` is refused by
// the rate's own check ("above 0"), not taken for a flag ("Missing value for --rate"). Written `@Option("help")`.
extension Option where Value: ExpressibleByArgument {
    /// An option with a default.
    public init(wrappedValue: Value, _ help: ArgumentHelp) {
        self.init(wrappedValue: wrappedValue, parsing: .unconditional, help: help)
    }

    /// An option that must be given.
    public init(_ help: ArgumentHelp) {
        self.init(parsing: .unconditional, help: help)
    }
}

extension Option {
    /// An option that may be left out (nil).
    public init<Wrapped: ExpressibleByArgument>(_ help: ArgumentHelp) where Value == Wrapped? {
        self.init(parsing: .unconditional, help: help)
    }
}
