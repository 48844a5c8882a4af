import Foundation
import Testing

/// The nginx the `--proxy nginx` tests run (Debian's, on PATH or in /usr/sbin). Without it those tests skip with one
/// line; `.ci/run` installs it.
public enum NginxTool {
    public static let path: String? = {
        let folders =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/sbin", "/usr/local/sbin"]
        return folders.map { "\($0)/nginx" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    public static var isAvailable: Bool { path != nil }

    public static let howToEnable: Comment = "needs nginx: sudo apt-get install nginx (.ci/run installs it)"

    /// Live nginx processes (by their name in /proc), to prove none is left behind.
    public static func processes() -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            return stat.contains("(nginx)") && !stat.contains(") Z ")
        }
    }
}
