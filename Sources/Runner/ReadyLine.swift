import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The JSON line a café prints when it is open: `{"event":"ready","cafe":"sync","port":…,"admin_port":…,"pid":…}`.
struct ReadyLine: Decodable {
    var event: String
    var port: Int
    var adminPort: Int
    /// The serving process: the café itself, or for a Python café the command its guard started.
    var pid: Int32?

    /// Reads lines from `fd` until a ready line, end of file, or the timeout.
    static func wait(on fd: Int32, timeout: Duration) -> ReadyLine? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while clock.now < deadline {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, clock.now.duration(to: deadline).components.seconds * 1000 + 1))
            guard poll(&entry, 1, min(remaining, 100)) > 0 else { continue }
            guard read(fd, &byte, 1) == 1 else { return nil }
            guard byte == UInt8(ascii: "\n") else {
                line.append(byte)
                continue
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            if let ready = try? decoder.decode(ReadyLine.self, from: Data(line)), ready.event == "ready" {
                return ready
            }
            line = []
        }
        return nil
    }
}

/// Reads lines from a pipe on its own thread; keeps them until someone asks to have them forwarded.
final class LineCollector: Sendable {
    private let state = Mutex<(lines: [String], sink: (@Sendable (String) -> Void)?)>(([], nil))

    func collect(from fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            buffer += chunk[0..<count]
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                deliver(String(decoding: buffer[..<newline], as: UTF8.self))
                buffer.removeSubrange(...newline)
            }
        }
        if !buffer.isEmpty { deliver(String(decoding: buffer, as: UTF8.self)) }
        close(fd)
    }

    private func deliver(_ line: String) {
        let sink = state.withLock { state -> (@Sendable (String) -> Void)? in
            if state.sink == nil { state.lines.append(line) }
            return state.sink
        }
        sink?(line)
    }

    /// From now on, hand each line to `sink` (lines kept so far go first).
    func forward(_ sink: @escaping @Sendable (String) -> Void) {
        let kept = state.withLock { state -> [String] in
            state.sink = sink
            defer { state.lines = [] }
            return state.lines
        }
        kept.forEach(sink)
    }

    /// What was collected, after giving a dying process a moment to finish writing.
    func text(waitingUpTo duration: Duration) -> String {
        usleep(UInt32(duration.milliseconds * 1000))
        return state.withLock { $0.lines.joined(separator: " | ") }
    }
}


