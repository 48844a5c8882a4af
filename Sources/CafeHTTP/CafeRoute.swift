import CafeModel

/// What a café does with a request head: the menu both cafés share.
public enum CafeRoute: Equatable, Sendable {
    /// `GET /`: the hello page that says which café this is and how to order.
    case hello
    /// `GET /brew?ms=&kind=`: brew this order.
    case brew(Order)
    /// Anything else: refuse with this status and reason.
    case refuse(HTTPStatus, reason: String)

    public static func route(_ head: RequestHead) -> CafeRoute {
        let path = head.path
        guard path == "/" || path == "/brew" else {
            return .refuse(.notFound, reason: "no such page; try / or /brew?ms=100&kind=io")
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return .refuse(.methodNotAllowed, reason: "the café serves GET and HEAD only")
        }
        if path == "/" { return .hello }
        switch Order.parse(head.query) {
        case .success(let order): return .brew(order)
        case .failure(let error): return .refuse(.badRequest, reason: error.description)
        }
    }
}
