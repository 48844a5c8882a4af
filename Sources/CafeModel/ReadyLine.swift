import Foundation

/// The one line a café prints on stdout when its door is open, the signal a Supervisor (or a test, or a
/// person's script) waits for before sending customers: `{"admin_port":…,"cafe":"sync","event":"ready",
/// "pid":…,"port":…}`. Its only definition: `barista serve` encodes it, the Runner and the tests decode it.
public struct ReadyLine: Codable, Equatable, Sendable {
    /// Always `ready`: a line with another event is not this one.
    public var event: String
    public var cafe: CafeKind
    /// The customers' port (the one actually bound, when 0 asked for a free one).
    public var port: Int
    /// The port of `/stats`, `/metrics` and `/control`.
    public var adminPort: Int
    public var pid: Int32

    public static let readyEvent = "ready"

    public init(cafe: CafeKind, port: Int, adminPort: Int, pid: Int32) {
        event = Self.readyEvent
        self.cafe = cafe
        self.port = port
        self.adminPort = adminPort
        self.pid = pid
    }

    /// The line as printed, without its newline: snake_case keys in a stable order.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding five plain fields cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Reads one line of a café's stdout; nil unless it is a ready line.
    public init?(line: some Collection<UInt8>) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let ready = try? decoder.decode(ReadyLine.self, from: Data(line)), ready.event == Self.readyEvent
        else { return nil }
        self = ready
    }
}
