import Foundation

/// wrk and hey sending at a set rate, for `bench load`'s CPU comparison: what another load generator spends on the
/// same customers (same café, same rate, same connection mode), read from the kernel's accounting of the child.
///
/// Debian's wrk (4.1) has no rate flag: a Lua `delay()` holds each of its connections `connections ÷ rate` between
/// requests, so it runs a little under the rate (each answer's time is added); the figures are per customer
/// actually sent. hey's `-q` is a rate per worker.
struct PacedYardstick {
    /// Requests per second the tool reached.
    var rate = 0.0
    /// User + system CPU seconds of the tool's process.
    var cpuSeconds = 0.0
    var errors = 0

    static let connections = 50

    static func wrk(_ wrk: String, url: String, rate: Double, seconds: Int, newConnectionEach: Bool) -> PacedYardstick?
    {
        let delayMs = max(1, Int((Double(connections) * 1000 / rate).rounded()))
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("barista-pace-\(getpid()).lua")
        guard
            (try? "function delay() return \(delayMs) end\n".write(to: script, atomically: true, encoding: .utf8))
                != nil
        else { return nil }
        defer { try? FileManager.default.removeItem(at: script) }
        let arguments =
            ["-t1", "-c\(connections)", "-d\(seconds)s", "--timeout", "2s", "-s", script.path]
            + (newConnectionEach ? ["-H", "Connection: close"] : []) + [url]
        guard let (text, cpu) = run(wrk, arguments) else { return nil }
        let parsed = Wrk.parse(text)
        return PacedYardstick(rate: parsed.requestsPerSecond, cpuSeconds: cpu, errors: parsed.errors)
    }

    /// `hey -cpus 1`: one core for its Go runtime, as the other generators have one thread.
    static func hey(_ hey: String, url: String, rate: Double, seconds: Int, newConnectionEach: Bool) -> PacedYardstick?
    {
        let perWorker = rate / Double(connections)
        let arguments =
            ["-z", "\(seconds)s", "-c", "\(connections)", "-q", String(perWorker), "-cpus", "1", "-t", "2"]
            + (newConnectionEach ? ["-disable-keepalive"] : []) + [url]
        guard let (text, cpu) = run(hey, arguments) else { return nil }
        var result = PacedYardstick(cpuSeconds: cpu)
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("Requests/sec:"),
                let value = line.split(separator: "\t").last.flatMap({ Double($0) })
                    ?? line.split(separator: " ").last.flatMap({ Double($0) })
            {
                result.rate = value
            } else if line.hasPrefix("["), !line.hasPrefix("[200]"),
                let count = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).last.flatMap({ Int($0) })
            {
                result.errors += count
            }
        }
        return result
    }

    /// An executable on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs the tool to its end; its output and the CPU it used (the children's rusage grows by exactly that child,
    /// the only one this process starts meanwhile).
    private static func run(_ executable: String, _ arguments: [String]) -> (String, Double)? {
        let before = childrenCPUSeconds()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), childrenCPUSeconds() - before)
    }

    private static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
