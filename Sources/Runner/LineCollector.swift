import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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
