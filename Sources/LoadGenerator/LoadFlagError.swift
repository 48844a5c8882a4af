/// Why a load flag (`--rate 50/s`, `--burst 40@2s`, a URL) could not be read: one line a person can act on.
///
/// In the café: the order slip is unreadable. On the command line: a usage error, printed as one line with
/// exit code 2.
public struct LoadFlagError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
