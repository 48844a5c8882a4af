/// An order as it arrives on the wire: the request line and headers of one HTTP/1.x request.
public struct RequestHead: Equatable, Sendable {
    public var method: String
    /// The request target in origin form (`/brew?ms=100`); an absolute-form target arrives here as its path.
    public var target: String
    /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in arrival order; names as sent.
    public var headers: [(name: String, value: String)]

    public init(method: String, target: String, minorVersion: Int, headers: [(name: String, value: String)]) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
    }

    public static func == (lhs: RequestHead, rhs: RequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.minorVersion == rhs.minorVersion
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of a header, by case-insensitive name (ASCII, no allocation: this runs per request).
    public func header(_ name: String) -> String? {
        headers.first { Self.equalIgnoringCase($0.name, name) }?.value
    }

    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }

    /// Whether a comma-separated header value lists `token` (case-insensitive), e.g. `Connection: close`.
    static func lists(_ value: String, token: String) -> Bool {
        value.split(separator: ",").contains { equalIgnoringCase(String($0).trimmingSpaces, token) }
    }

    /// The path part of the target, without the query.
    public var path: Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// Query parameters, percent-decoded; the first value of a repeated name wins.
    public var query: [String: String] {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return [:] }
        var result: [String: String] = [:]
        for pair in parts[1].split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentDecoding.decode(keyValue[0])
            let value = keyValue.count == 2 ? PercentDecoding.decode(keyValue[1]) : ""
            if result[key] == nil { result[key] = value }
        }
        return result
    }

    /// The customer's id (`X-Customer-Id`), echoed back so a load generator can match cups to customers.
    public var customerId: String? { header("X-Customer-Id") }

    /// Whether the client wants the connection kept open after the response (HTTP/1.1 default).
    public var wantsKeepAlive: Bool {
        let connection = header("Connection") ?? ""
        if minorVersion >= 1 { return !Self.lists(connection, token: "close") }
        return Self.lists(connection, token: "keep-alive")
    }
}

/// `%41` → `A`, `+` → space, as form and query encoding use them; malformed escapes stay as they are.
enum PercentDecoding {
    static func decode(_ text: Substring) -> String {
        guard text.contains("%") || text.contains("+") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next(), low = iterator.next()
                if let high, let low, let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
