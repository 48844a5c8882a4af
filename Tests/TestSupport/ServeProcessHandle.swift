import CafeModel
import Foundation

/// A `barista serve …` child process started from the built binary, as the show's Supervisor starts it.
public final class ServeProcessHandle: @unchecked Sendable {
    // @unchecked: `process` and the pipes are created in init and only read afterwards; Foundation's
    // Process is thread-safe for the calls made here (terminate, waitUntilExit, processIdentifier).
    public let process: Process
    public let port: Int
    public let adminPort: Int
    private let stderrPipe: Pipe

    public enum StartError: Error, CustomStringConvertible {
        case noReadyLine(stderr: String)
        public var description: String {
            switch self {
            case .noReadyLine(let stderr): "no ready line; stderr: \(stderr)"
            }
        }
    }

    /// Starts `barista arguments…` and waits (up to 10 s) for its JSON ready line. With `openFileLimit`, the
    /// café runs under `ulimit -n` of that many descriptors (soft and hard, so it cannot raise it).
    public init(_ arguments: [String], openFileLimit: Int? = nil) throws {
        process = Process()
        if let openFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "ulimit -n \(openFileLimit) && exec \"$0\" \"$@\"", BaristaBinary.url.path]
                + arguments
        } else {
            process.executableURL = BaristaBinary.url
            process.arguments = arguments
        }
        process.environment = BaristaBinary.environment
        let stdoutPipe = Pipe()
        stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        let line = Self.readLine(stdoutPipe.fileHandleForReading, timeout: .seconds(10))
        guard let ready = ReadyLine(line: Array(line.utf8)) else {
            process.terminate()
            process.waitUntilExit()
            throw StartError.noReadyLine(
                stderr: String(decoding: stderrPipe.fileHandleForReading.availableData, as: UTF8.self))
        }
        port = ready.port
        adminPort = ready.adminPort
    }

    public var pid: Int32 { process.processIdentifier }

    /// Everything the process wrote on stderr; call after it has exited (it reads to end of file).
    public func stderrText() -> String {
        String(decoding: stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Starts the café on a thread of its own (the ready line can take seconds on a busy machine) and awaits it.
    public static func start(_ arguments: [String], openFileLimit: Int? = nil) async throws -> ServeProcessHandle {
        try await onOwnThread { try ServeProcessHandle(arguments, openFileLimit: openFileLimit) }
    }

    /// Waits for the process to end, up to `timeout`; nil if it is still running.
    ///
    /// Each look reads one source: Foundation reaps the child (`waitpid`, and its zombie leaves /proc) a moment
    /// before it says `isRunning == false`, and in that moment neither source has the code: the next look has it.
    public func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let pid = process.processIdentifier
        let process = self.process
        return await eventually(within: timeout, every: .milliseconds(10)) { () -> Int32? in
            process.isRunning ? Self.exitStatusOfUnreaped(pid) : process.terminationStatus
        } until: {
            $0 != nil
        }
    }

    /// The exit code of a child that has ended but that Foundation has not reaped yet (a zombie): the kernel keeps
    /// it in `/proc/PID/stat` (field 52, `exit_code`, as `waitpid` would report it). nil while the child runs.
    static func exitStatusOfUnreaped(_ pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let nameEnd = stat.lastIndex(of: ")")
        else { return nil }
        // Fields from the third (the state) on; field 52 is index 49.
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        guard fields.first == "Z", fields.count > 49,
            let code = Int32(fields[49].trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        let signal = code & 0x7f
        return signal != 0 ? signal : (code >> 8) & 0xff
    }

    /// SIGTERM, then up to 10 s for the café to end: for a `defer`, which cannot await (so only in a test that runs
    /// `.onOwnThreads`).
    public func stop() {
        signal(SIGTERM)
        eventuallyBlocking(within: .seconds(10), every: .milliseconds(10)) { !process.isRunning }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs `barista arguments…` to its end (on a thread of its own); returns its exit code and stderr.
    public static func run(
        _ arguments: [String], timeout: Duration = .seconds(20)
    ) async throws -> (status: Int32, stderr: String) {
        try await onOwnThread { try runHere(arguments, timeout: timeout) }
    }

    private static func runHere(_ arguments: [String], timeout: Duration) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = BaristaBinary.url
        process.arguments = arguments
        process.environment = BaristaBinary.environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        eventuallyBlocking(within: timeout, every: .milliseconds(10)) { !process.isRunning }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (
            process.terminationStatus,
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    private static func readLine(_ handle: FileHandle, timeout: Duration) -> String {
        let fd = handle.fileDescriptor
        var bytes: [UInt8] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var byte: UInt8 = 0
        while clock.now < deadline {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 100) > 0 else { continue }
            guard read(fd, &byte, 1) == 1 else { break }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
