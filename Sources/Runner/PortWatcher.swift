import CafeHTTP
import CafeModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads the Python café's stderr, passes every line on, and once the café has said where it listens
/// (gunicorn: "Listening at: http://127.0.0.1:PORT", uvicorn: "running on http://127.0.0.1:PORT") and `GET /`
/// answers there, prints the ready line the show's Supervisor waits for.
final class PortWatcher: Sendable {
    let stderr: Int32
    let child: pid_t
    let cafe: CafeKind
    let timeout: Duration
    /// The port given to the command by barista (nginx's `listen`): no need to read it from stderr.
    let knownPort: Int?

    init(stderr: Int32, child: pid_t, cafe: CafeKind, timeout: Duration, knownPort: Int? = nil) {
        self.stderr = stderr
        self.child = child
        self.cafe = cafe
        self.timeout = timeout
        self.knownPort = knownPort
    }

    func run() {
        var announced = knownPort != nil
        if let knownPort {
            let child = self.child, cafe = self.cafe, timeout = self.timeout
            Thread { Self.announceWhenAnswering(cafe: cafe, port: knownPort, pid: child, timeout: timeout) }.start()
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(stderr, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            _ = chunk.withUnsafeBytes { write(2, $0.baseAddress, count) }
            buffer += chunk[0..<count]
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                if !announced, let port = Self.port(in: line) {
                    announced = true
                    let child = self.child, cafe = self.cafe, timeout = self.timeout
                    Thread { Self.announceWhenAnswering(cafe: cafe, port: port, pid: child, timeout: timeout) }.start()
                }
            }
        }
    }

    /// The port in a line where gunicorn or uvicorn says where it listens.
    static func port(in line: String) -> Int? {
        guard line.contains("Listening at: http://") || line.contains("running on http://"),
            let start = line.range(of: "http://")
        else { return nil }
        let authority = line[start.upperBound...].prefix { !$0.isWhitespace && $0 != "/" }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        return Int(authority[authority.index(after: colon)...])
    }

    private static func announceWhenAnswering(cafe: CafeKind, port: Int, pid: pid_t, timeout: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let reply = try? OneShotClient(port: port, timeout: .seconds(2)).get("/"), reply.status == 200 {
                // Admin port 0: a Python café has no /stats; the pid is the command's (gunicorn's arbiter).
                let line = ReadyLine(cafe: cafe, port: port, adminPort: 0, pid: pid).text
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
                return
            }
            usleep(50_000)
        }
    }
}
