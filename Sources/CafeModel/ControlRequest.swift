/// A live change to a café, as `POST /control` carries it on the admin port: the staff changes a lesson or a
/// key asks for (`workers=6`; `handler=block&offload-threads=8`; `reset=1`). The wire format's one
/// definition: the Runner's client encodes it (`formBody`), both cafés decode and check it
/// (`init(form:for:)`), so a refused setting reads the same wherever it came from.
public struct ControlRequest: Equatable, Sendable {
    /// Sync café: baristas (worker threads).
    public var workers: Int?
    /// Async café: what its barista does with an I/O brew.
    public var handler: HandlerMode?
    /// Async café: back-room helpers.
    public var offloadThreads: Int?
    /// Async café: requests in progress beyond which it answers 503 at once (uvicorn `--limit-concurrency`);
    /// 0 lifts the limit (`limit-concurrency=none` on the wire).
    public var limitConcurrency: Int?
    /// Start the café's counters again from zero.
    public var reset: Bool

    public init(
        workers: Int? = nil, handler: HandlerMode? = nil, offloadThreads: Int? = nil, limitConcurrency: Int? = nil,
        reset: Bool = false
    ) {
        self.workers = workers
        self.handler = handler
        self.offloadThreads = offloadThreads
        self.limitConcurrency = limitConcurrency
        self.reset = reset
    }

    /// Nothing asked.
    public var isEmpty: Bool { self == ControlRequest() }

    /// The `application/x-www-form-urlencoded` body, settings in a fixed order (values need no escaping).
    public var formBody: String {
        var pairs: [String] = []
        if let workers { pairs.append("workers=\(workers)") }
        if let handler { pairs.append("handler=\(handler.rawValue)") }
        if let offloadThreads { pairs.append("offload-threads=\(offloadThreads)") }
        if let limitConcurrency {
            pairs.append("limit-concurrency=\(limitConcurrency > 0 ? String(limitConcurrency) : "none")")
        }
        if reset { pairs.append("reset=1") }
        return pairs.joined(separator: "&")
    }

    /// What changed, for the café's answer: "workers=6, reset".
    public var summary: String {
        let pairs = formBody.split(separator: "&").map { $0 == "reset=1" ? "reset" : String($0) }
        return pairs.joined(separator: ", ")
    }

    /// Reads `name=value` pairs (a query, a form body, or both joined by `&`; also one per line) for `cafe`.
    /// Every setting is checked before anything is returned, so a refused one changes nothing.
    public init(form: String, for cafe: CafeKind) throws(SettingError) {
        self.init()
        for (name, value) in Self.pairs(form) {
            switch (cafe, name) {
            case (.sync, "workers"):
                workers = try CafeLimits.parse("workers", value, in: CafeLimits.workers)
            case (.async, "handler"):
                handler = try CafeLimits.handler("handler", value)
            case (.async, "offload-threads"), (.async, "offload_threads"):
                offloadThreads = try CafeLimits.parse("offload-threads", value, in: CafeLimits.offloadThreads)
            case (.async, "limit-concurrency"), (.async, "limit_concurrency"):
                limitConcurrency =
                    value == "none"
                    ? 0
                    : try CafeLimits.parse("limit-concurrency", value, in: CafeLimits.limitConcurrency)
            case (.async, "door"), (.async, "loops"):
                // Fixed when the café opens, as uvicorn's sockets and workers are: say so, rather than "unknown".
                throw SettingError(
                    "\(name) is set when the café starts (barista serve async --\(name) ...); "
                        + "restart the café to change it")
            case (_, "reset"):
                // Only a clear yes resets: `reset=0` must not wipe the counters.
                guard value == "1" || value == "true" else {
                    throw SettingError("reset takes 1 or true, not '\(value)'")
                }
                reset = true
            default:
                throw SettingError(
                    "unknown setting '\(name)'; the \(cafe.rawValue) café takes \(Self.accepted(by: cafe))")
            }
        }
        guard !isEmpty else { throw SettingError("send name=value, e.g. \(Self.accepted(by: cafe))") }
    }

    private static func accepted(by cafe: CafeKind) -> String {
        switch cafe {
        case .sync: "workers=N and reset=1"
        case .async: "handler=await|block|offload, offload-threads=N, limit-concurrency=N|none and reset=1"
        }
    }

    /// `a=1&b=two` → [("a", "1"), ("b", "two")], in order, each decoded as a form is (`%36` is 6, `+` a space);
    /// empty pieces and pieces without `=` are skipped.
    private static func pairs(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: { $0 == "&" || $0 == "\n" }).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let name = trimmed(formDecoded(parts[0])[...]), value = trimmed(formDecoded(parts[1])[...])
            return name.isEmpty ? nil : (name, value)
        }
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%HH` a byte; a `%` not followed by two hex
    /// digits stays as it is, and bytes that are not UTF-8 are replaced (the setting is then refused by name).
    static func formDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func trimmed(_ text: Substring) -> String {
        let blank: Set<Character> = [" ", "\r", "\t"]
        return String(text.drop(while: blank.contains).reversed().drop(while: blank.contains).reversed())
    }
}
