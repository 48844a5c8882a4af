/// A setting a café cannot take — from a flag of `barista serve`, the show's flags or `POST /control` — with
/// the reason in one line a person can act on ("workers must be from 1 to 512, not 0"). Nothing is changed.
public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
