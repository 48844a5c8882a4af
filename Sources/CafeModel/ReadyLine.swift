import Foundation

/// The one line a café prints on stdout when its door is open, the signal a Supervisor (or a test, or a
/// person's script) waits for before sending customers: `{"event":"ready","cafe":"sync","port":…,
/// "admin_port":…,"pid":…}`. Its only definition: `barista serve` encodes it, the Runner and the tests decode it.
public struct ReadyLine: Codable, Equatable, Sendable {
    /// Always `ready`: a line with another event is not this one.
    public let event: String
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

    /// The line as printed, without its newline: snake_case keys, the event first (a reader can tell the line by
    /// its start), then what to connect to. Written by hand: JSONEncoder cannot keep an order other than sorted.
    public var text: String {
        #"{"event":"\#(event)","cafe":"\#(cafe.rawValue)","port":\#(port),"admin_port":\#(adminPort),"pid":\#(pid)}"#
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
