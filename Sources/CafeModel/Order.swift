/// What a brew costs the server: `io` waits (the stand-in for a database call), `cpu` spins a core.
public enum BrewKind: String, Codable, Sendable, CaseIterable {
    case io
    case cpu
}

/// A customer's order: `GET /brew?ms=100&kind=io` — how long the cup takes and what kind of work it is.
public struct Order: Equatable, Hashable, Codable, Sendable {
    /// Brew time in milliseconds (the service time S of the queueing formulas).
    public var milliseconds: Int
    public var kind: BrewKind

    /// The longest brew a café accepts, so one request cannot occupy a worker for ever.
    public static let maximumMilliseconds = 60_000

    public init(milliseconds: Int, kind: BrewKind = .io) {
        self.milliseconds = milliseconds
        self.kind = kind
    }

    /// The order as the query of a `/brew` request: `ms=100&kind=io`.
    public var query: String { "ms=\(milliseconds)&kind=\(kind.rawValue)" }

    /// The request path for this order.
    public var path: String { "/brew?\(query)" }

    /// Reads `ms` and `kind` from query parameters; nil names what is wrong.
    public static func parse(_ parameters: [String: String]) -> Result<Order, OrderError> {
        let milliseconds: Int
        if let text = parameters["ms"] {
            guard let value = Int(text), (0...maximumMilliseconds).contains(value) else {
                return .failure(.badMilliseconds(text))
            }
            milliseconds = value
        } else {
            milliseconds = 100
        }
        let kind: BrewKind
        if let text = parameters["kind"] {
            guard let value = BrewKind(rawValue: text) else { return .failure(.badKind(text)) }
            kind = value
        } else {
            kind = .io
        }
        return .success(Order(milliseconds: milliseconds, kind: kind))
    }
}

/// Why an order could not be read; the text goes back to the customer with a 400.
public enum OrderError: Error, Equatable, Sendable, CustomStringConvertible {
    case badMilliseconds(String)
    case badKind(String)

    public var description: String {
        switch self {
        case .badMilliseconds(let text):
            return "ms must be a whole number from 0 to \(Order.maximumMilliseconds), not '\(text)'"
        case .badKind(let text):
            return "kind must be io or cpu, not '\(text)'"
        }
    }
}
