import CafeHTTP
import Foundation

/// One wrk run and the figures read from its report.
struct Wrk {
    var requestsPerSecond = 0.0
    var p99Ms = 0.0
    var requests = 0
    /// Socket errors (connect, read, write, timeout) plus non-2xx answers.
    var errors = 0

    /// The wrk executable on PATH, or nil (`apt-get install -y wrk`).
    static func find() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `wrk -t1 -cN -dD --latency URL`, its report echoed on stderr; `header` adds one request header.
    static func run(
        _ wrk: String, url: String, connections: Int, duration: String, timeout: String = "2s", header: String? = nil
    ) throws -> Wrk {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments =
            ["-t1", "-c\(connections)", "-d\(duration)", "--timeout", timeout, "--latency"]
            + (header.map { ["-H", $0] } ?? []) + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        StderrLog.write("--- wrk -c\(connections) \(url)\n\(text)")
        return parse(text)
    }

    static func parse(_ text: String) -> Wrk {
        var result = Wrk()
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let value = words.last.flatMap({ Double($0) }) {
                result.requestsPerSecond = value
            } else if line.hasPrefix("99%"), let value = words.last {
                result.p99Ms = milliseconds(String(value))
            } else if line.contains("requests in"), let count = words.first.flatMap({ Int($0) }) {
                result.requests = count
            } else if line.hasPrefix("Socket errors:") {
                result.errors += words.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }
                    .reduce(0, +)
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let count = words.last.flatMap({ Int($0) }) {
                result.errors += count
            }
        }
        return result
    }

    /// wrk's "112.34ms", "1.20s", "850.00us", "1.05m" → milliseconds.
    static func milliseconds(_ text: String) -> Double {
        let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .nan) * factor
        }
        return .nan
    }
}
