import CafeModel

/// A café the customers go to: `http://127.0.0.1:8001` or `http://host:port/path`.
///
/// On the load generator: one HTTP/1.1 origin (plain `http://`, no TLS) and, optionally, the path to ask
/// for. A URL with no path of its own gets the plan's order, `/brew?ms=&kind=`; a URL with a path (even just
/// `/`) is asked for exactly that path.
public struct LoadTarget: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What the screen calls this café ("sync", "async"); the URL when nobody named it.
    public var label: String
    public var host: String
    public var port: Int
    /// The path and query from the URL, or nil when the URL had none.
    public var path: String?
    /// Which customers come here when some ask for a static file (`LoadPlan.staticShare`): everyone (the usual),
    /// only those (nginx's static folder), or all but those (the café behind nginx).
    public var split: StaticSplit = .everyone

    /// Which of the customers a target gets when a share of them ask for a static file.
    public enum StaticSplit: Equatable, Hashable, Sendable {
        case everyone, staticOnly, dynamicOnly

        /// Whether a customer who does (or does not) ask for a static file comes to this target.
        public func takes(static asksStatic: Bool) -> Bool {
            switch self {
            case .everyone: return true
            case .staticOnly: return asksStatic
            case .dynamicOnly: return !asksStatic
            }
        }
    }

    public init(label: String? = nil, host: String, port: Int, path: String? = nil) {
        self.host = host
        self.port = port
        self.path = path
        self.label = label ?? ""
        if self.label.isEmpty { self.label = origin + (path ?? "") }
    }

    /// Reads an `http://host[:port][/path]` URL.
    public init(url: String, label: String? = nil) throws(LoadFlagError) {
        guard url.hasPrefix("http://") else {
            if url.hasPrefix("https://") {
                throw LoadFlagError("https is not supported (the cafés speak plain HTTP/1.1): '\(url)'")
            }
            throw LoadFlagError("a café URL starts with http://, such as http://127.0.0.1:8001, not '\(url)'")
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var path = String(rest.dropFirst(authority.count))
        if path.hasPrefix("?") { path = "/" + path }
        var host = String(authority), port = 80
        if authority.hasPrefix("[") {
            // [::1]:8001
            guard let close = authority.firstIndex(of: "]") else { throw LoadFlagError("bad IPv6 host in '\(url)'") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else {
                    throw LoadFlagError("the port in '\(url)' must be from 1 to 65535")
                }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw LoadFlagError("the port in '\(url)' must be from 1 to 65535")
            }
            port = value
        }
        guard !host.isEmpty, !host.contains("@") else { throw LoadFlagError("no host in '\(url)'") }
        self.init(label: label, host: host, port: port, path: path.isEmpty ? nil : path)
    }

    /// `http://host:port`.
    public var origin: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// The value of the Host header.
    public var hostHeader: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The path a customer asks for under a plan: the URL's own path, or the plan's order. A path with
    /// placeholders is a template (`/sleep?ms={ms}`): `{ms}` and `{kind}` come from the order, any other
    /// `{name}` from `values`, so the show's brew keys change what an outside server is asked for.
    public func requestPath(order: Order, values: [String: String] = [:]) -> String {
        guard let path else { return order.path }
        guard path.contains("{") else { return path }
        var filled = path.replacing("{ms}", with: String(order.milliseconds)).replacing(
            "{kind}", with: order.kind.rawValue)
        for (name, value) in values { filled = filled.replacing("{\(name)}", with: value) }
        return filled
    }

    public var description: String { label }
}
