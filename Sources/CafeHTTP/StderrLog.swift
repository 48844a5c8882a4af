#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way barista speaks on stderr: a café's log line ("barista sync: worker 3 timed out…"), a command's
/// one-line error ("barista: --rate must be…"). A café's stdout carries only its ready line, so everything a
/// person should read goes here, prefixed with who says it.
public struct StderrLog: Sendable {
    /// Who speaks: "barista", "barista sync", "barista async".
    public var speaker: String

    public init(_ speaker: String) { self.speaker = speaker }

    /// The command line itself: usage errors, warnings, the load generator's notes.
    public static let barista = StderrLog("barista")
    /// The sync café's server log.
    public static let syncCafe = StderrLog("barista sync")
    /// The async café's server log.
    public static let asyncCafe = StderrLog("barista async")

    /// Writes `speaker: message` as one line.
    public func callAsFunction(_ message: String) {
        Self.write("\(speaker): \(message)\n")
    }

    /// Writes `text` as it is (a progress line redrawn with `\r`, a tool's report echoed).
    public static func write(_ text: String) {
        // One write(2) per line, so lines from several threads never interleave mid-line.
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { writeToStderr($0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// write(2) on stderr, outside the type so its own `write` does not hide the system's.
private func writeToStderr(_ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(2, bytes, count)
}
