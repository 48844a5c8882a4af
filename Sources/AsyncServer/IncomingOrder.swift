import CafeHTTP

/// What the door tells the barista about the next customer on a connection: the decoder's output.
enum IncomingOrder: Sendable {
    /// The first bytes of an order arrived, the head is not complete yet (the request is being parsed).
    case arriving
    /// A complete request head.
    case order(RequestHead)
    /// The bytes cannot be an order: answer with this status and close the connection.
    case refused(HTTPStatus, reason: String)
}
