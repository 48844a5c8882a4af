import CafeModel
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
/// removed. Creating the writer opens that file, so an unwritable path is found before anything runs. Nothing is
/// clobbered: the rename goes only over nothing or a regular file (never a device, a symlink or a folder), and
/// over an existing file only when `overwrite` says so.
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
    /// folder is missing or read-only or `path` is anything but a regular file, `.exists` when it is a file and
    /// `overwrite` is false.
    /// - Parameters:
    ///   - timestamp: when the recording began, as the header's Unix time (only a label for players).
    ///   - environment: the header's `env`; `TERM` is xterm-256color (what `CanvasANSI` writes for), `SHELL` is
    ///     this process's.
    public init(
        path: String, width: Int, height: Int, title: String, timestamp: Date = Date(),
        environment: [String: String]? = nil, overwrite: Bool = false
    ) throws {
        self.path = path
        self.width = width
        self.height = height
        let url = URL(fileURLWithPath: path)
        if let kind = Self.notRegular(path) { throw DemoOutputError.unwritable(path: path, reason: "it is \(kind)") }
        if !overwrite, FileManager.default.fileExists(atPath: path) { throw DemoOutputError.exists(path: path) }
        let folder = url.deletingLastPathComponent().path
        temporaryPath = folder + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DemoOutputError.unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        state = Mutex(State(descriptor: descriptor))
        let env =
            environment ?? [
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
            // Checked again at the last moment: the path may have changed since the writer was made.
            if state.failure == nil, let kind = Self.notRegular(path) { state.failure = "it is now \(kind)" }
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
        let requested = elapsed.seconds
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

    /// What is at `path` when it is something a recording must not replace ("a folder", "a symbolic link", "a
    /// device", …); nil for nothing or a regular file.
    static func notRegular(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a pipe"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
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
                result +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
