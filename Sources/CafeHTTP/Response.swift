import CafeModel

/// A response ready for the wire: status line, headers, body, serialised in one buffer.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: String

    public init(status: HTTPStatus, headers: [(name: String, value: String)] = [], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The bytes to send. `headOnly` leaves the body out (for HEAD) but keeps its Content-Length.
    public func serialized(keepAlive: Bool, headOnly: Bool = false) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        var text = "HTTP/1.1 \(status.rawValue) \(status.reasonPhrase)\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Content-Type: text/plain; charset=utf-8\r\n"
        text += "Content-Length: \(bodyBytes.count)\r\n"
        text += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if !headOnly { bytes += bodyBytes }
        return bytes
    }

    // MARK: - The café's answers

    /// The hello page of `GET /`.
    public static func hello(cafe: CafeKind, description: String, host: String, port: Int) -> Response {
        let title = cafe == .sync ? "SYNC" : "ASYNC"
        let body = """
            ☕ barista — the \(title) café. \(description)
            Order a cup:  curl 'http://\(host):\(port)/brew?ms=100&kind=io'
            ms = brew time (0-\(Order.maximumMilliseconds)), kind = io (waiting) or cpu (spinning).

            """
        return Response(status: .ok, headers: [("Server", "barista-\(cafe.rawValue)")], body: body)
    }

    /// The cup of `GET /brew`, with `Server-Timing` saying how long it queued inside the café and brewed.
    public static func cup(
        cafe: CafeKind, order: Order, customerId: String?, queueMs: Double, brewMs: Double
    ) -> Response {
        var headers: [(name: String, value: String)] = [
            ("Server", "barista-\(cafe.rawValue)"),
            ("Server-Timing", "queue;dur=\(format(queueMs)), brew;dur=\(format(brewMs))"),
        ]
        if let customerId { headers.append(("X-Customer-Id", customerId)) }
        let who = customerId.map { "customer \($0)" } ?? "you"
        let body = "cup for \(who): \(order.milliseconds) ms \(order.kind.rawValue) brew\n"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A refusal (4xx/5xx) with its reason as the body.
    public static func refusal(
        cafe: CafeKind, status: HTTPStatus, reason: String, customerId: String? = nil
    )
        -> Response
    {
        var headers: [(name: String, value: String)] = [("Server", "barista-\(cafe.rawValue)")]
        if status == .methodNotAllowed { headers.append(("Allow", "GET, HEAD")) }
        if let customerId { headers.append(("X-Customer-Id", customerId)) }
        return Response(status: status, headers: headers, body: "\(status): \(reason)\n")
    }

    private static func format(_ milliseconds: Double) -> String {
        let rounded = (milliseconds * 1000).rounded() / 1000
        return String(rounded)
    }
}
