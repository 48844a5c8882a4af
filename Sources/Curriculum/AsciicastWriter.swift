import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A terminal recording being written as asciicast v2 (what `asciinema play` and the asciinema web player read):
/// `barista demo --record FILE.cast`. One JSON header line, then one JSON array per event: `[seconds, "o", text]`
/// for what the screen printed, `[seconds, "m", label]` for a marker (one per demo step), `[seconds, "r", "WxH"]`
/// for a resize.
///
/// Atomic: the events go to a hidden temporary file beside the path, renamed onto the path by `finish()`. Until
/// then nothing is at the path; if the writer is cancelled, fails, or is dropped unfinished, the temporary file is
/// removed. Creating the writer opens that file, so an unwritable path is found before anything runs.
///
/// Times are given by the caller, as durations since the recording began on a monotonic clock (tests pass fixed
/// ones). They never go back: a time earlier than the last event's is written as the last event's.
public final class AsciicastWriter: Sendable {
    public let path: String
    public let width: Int
    public let height: Int
    private let temporaryPath: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var buffer: [UInt8] = []
        var lastSeconds = 0.0
        /// The first failure to write; once set, events are dropped and `finish()` throws it.
        var failure: String?
        var closed = false
    }

    /// Opens the temporary file beside `path` and writes the header. Throws `DemoOutputError.unwritable` when the
    /// folder is missing or read-only or `path` is a folder.
    /// - Parameters:
    ///   - timestamp: when the recording began, as the header's Unix time (only a label for players).
    ///   - environment: the header's `env`; `TERM` is xterm-256color (what `CanvasANSI` writes for), `SHELL` is
    ///     this process's.
    public init(
        path: String, width: Int, height: Int, title: String, timestamp: Date = Date(),
        environment: [String: String]? = nil
    ) throws {
        self.path = path
        self.width = width
        self.height = height
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DemoOutputError.unwritable(path: path, reason: "it is a folder")
        }
        let folder = url.deletingLastPathComponent().path
        temporaryPath = folder + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DemoOutputError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        state = Mutex(State(descriptor: descriptor))
        let env = environment ?? [
            "TERM": "xterm-256color", "SHELL": ProcessInfo.processInfo.environment["SHELL"] ?? "/bin/sh",
        ]
        let envFields = env.keys.sorted().map { "\(Self.jsonString($0)): \(Self.jsonString(env[$0]!))" }
        let header =
            "{\"version\": 2, \"width\": \(width), \"height\": \(height), "
            + "\"timestamp\": \(Int(timestamp.timeIntervalSince1970)), \"title\": \(Self.jsonString(title)), "
            + "\"env\": {\(envFields.joined(separator: ", "))}}\n"
        append(header)
    }

    deinit {
        cancel()
    }

    /// What the terminal printed (e.g. `CanvasANSI.difference(from:to:)`), `elapsed` after the recording began.
    /// Empty text writes nothing.
    public func output(_ text: String, at elapsed: Duration) {
        guard !text.isEmpty else { return }
        event(code: "o", data: text, at: elapsed)
    }

    /// A marker the player can jump to: one per demo step, named after it.
    public func marker(_ label: String, at elapsed: Duration) {
        event(code: "m", data: label, at: elapsed)
    }

    /// The terminal took a new size (the next output should be a whole frame).
    public func resize(width: Int, height: Int, at elapsed: Duration) {
        event(code: "r", data: "\(width)x\(height)", at: elapsed)
    }

    /// Writes what is left, flushes it to disk and renames the file onto `path`. Throws
    /// `DemoOutputError.writeFailed` (and leaves nothing at `path`) when any write failed. Finishing twice does
    /// nothing the second time.
    public func finish() throws {
        let failure: String? = state.withLock { state in
            guard !state.closed else { return nil }
            state.closed = true
            flush(&state)
            if state.failure == nil, fsync(state.descriptor) != 0 { state.failure = String(cString: strerror(errno)) }
            close(state.descriptor)
            if state.failure == nil, rename(temporaryPath, path) != 0 {
                state.failure = String(cString: strerror(errno))
            }
            if state.failure != nil { unlink(temporaryPath) }
            return state.failure
        }
        if let failure { throw DemoOutputError.writeFailed(path: path, reason: failure) }
    }

    /// Abandons the recording: closes and removes the temporary file; nothing appears at `path`.
    public func cancel() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            close(state.descriptor)
            unlink(temporaryPath)
        }
    }

    private func event(code: String, data: String, at elapsed: Duration) {
        let components = elapsed.components
        let requested = Double(components.seconds) + Double(components.attoseconds) / 1e18
        state.withLock { state in
            guard !state.closed, state.failure == nil else { return }
            let seconds = max(requested, state.lastSeconds)
            state.lastSeconds = seconds
            let line = "[\(String(format: "%.6f", seconds)), \"\(code)\", \(Self.jsonString(data))]\n"
            state.buffer.append(contentsOf: line.utf8)
            if state.buffer.count >= 64 * 1024 { flush(&state) }
        }
    }

    private func append(_ text: String) {
        state.withLock { state in state.buffer.append(contentsOf: text.utf8) }
    }

    private func flush(_ state: inout State) {
        guard state.failure == nil else { return }
        var offset = 0
        while offset < state.buffer.count {
            let written = state.buffer[offset...].withUnsafeBytes { bytes in
                write(state.descriptor, bytes.baseAddress, bytes.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                state.failure = String(cString: strerror(errno))
                break
            }
            offset += written
        }
        state.buffer.removeAll(keepingCapacity: true)
    }

    /// A JSON string literal: quotes, backslash and control characters escaped, everything else as UTF-8.
    public static func jsonString(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
