import CSystemShims
import CafeHTTP
import CafeModel
import Foundation
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// The life of a `barista serve` process: signals, the parent's death, the ready line, a clean exit.
public enum ServeProcess {
    /// The environment variable through which the show's Supervisor tells a café who launched it.
    public static let supervisorPIDVariable = "BARISTA_SUPERVISOR_PID"

    /// Call first, before any thread exists: blocks the signals the café handles so they reach only
    /// `ServeSignals.wait`, ties the process to a launching Supervisor, and raises the open-file limit.
    public static func prepare(host: String, adminHost: String = "127.0.0.1") -> ServeSignals {
        let signals = ServeSignals()
        if let text = ProcessInfo.processInfo.environment[supervisorPIDVariable], let parent = Int32(text) {
            // Die with the Supervisor, even on kill -9; then close the race where it died before this call.
            _ = shim_set_parent_death_signal(SIGTERM)
            if getppid() != parent { exit(0) }
        }
        ProcessUsage.raiseOpenFileLimit()
        if !isLoopback(host) {
            warn(
                "listening on \(host), not loopback: other machines can reach this café "
                    + "(its admin port stays on \(adminHost))")
        }
        if !isLoopback(adminHost) {
            warn(
                "admin port on \(adminHost), not 127.0.0.1: other machines can read /stats and /metrics; "
                    + "/control still obeys only this machine, or a peer presenting --admin-token")
        }
        return signals
    }

    /// Opens a café, or prints why not in one line and exits with code 2.
    public static func open<Cafe>(_ make: () throws(ServeError) -> Cafe) -> Cafe {
        do {
            return try make()
        } catch {
            warn(error.description)
            exit(2)
        }
    }

    /// The one JSON line on stdout that a Supervisor (or a test) waits for, then the addresses for a person.
    public static func announceReady(cafe: CafeKind, host: String, port: Int, adminHost: String, adminPort: Int) {
        let line = ReadyLine(cafe: cafe, port: port, adminPort: adminPort, pid: getpid()).text
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        warn(
            "\(cafe.rawValue) café open: \(url(host: host, port: port))/ — admin \(url(host: adminHost, port: adminPort))/stats"
        )
    }

    /// This machine only: 127.0.0.0/8, ::1 or localhost.
    public static func isLoopback(_ host: String) -> Bool {
        host.hasPrefix("127.") || host == "::1" || host == "localhost"
    }

    /// A URL a person can paste: IPv6 addresses in brackets; "every address" as the loopback one that reaches it.
    public static func url(host: String, port: Int) -> String {
        switch host {
        case "0.0.0.0": "http://127.0.0.1:\(port)"
        case "::": "http://[::1]:\(port)"
        case _ where host.contains(":"): "http://[\(host)]:\(port)"
        default: "http://\(host):\(port)"
        }
    }

    public static func warn(_ message: String) {
        StderrLog.barista(message)
    }
}
