import CafeHTTP
import CafeModel
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The real nginx in front of the sync side (`barista --proxy nginx`), as the seed's company runs Django: nginx reads
/// each whole request before it opens a connection to the sync side (`proxy_request_buffering on`) and takes the whole
/// response from it (`proxy_buffering on`), so a slow customer costs nginx a connection, not a sync worker.
///
/// barista writes the configuration into a private folder (pid, temp paths and the static file there), starts nginx
/// in the foreground under the peer guard (its own process group, ended with the show even on `kill -9`), and
/// waits until it answers. Its `stub_status` page, on a second loopback-only `listen`, is polled on a thread of its
/// own; its door and workers are read from the kernel.
public final class NginxFront: Sendable {
    /// The guard running nginx (its process group); its `commandPID` is nginx's master.
    public let child: ChildCafe
    /// Where the customers go: nginx's `listen`.
    public let port: Int
    /// The loopback-only `listen` that answers `/nginx_status` (stub_status).
    public let adminPort: Int
    /// The private folder holding `nginx.conf`, the pid file, the temp folders and `static/menu.css`.
    public let prefix: String
    private let door: KernelSocketTable
    private let inside: KernelProcessView
    private let status = Mutex<FrontView.Connections?>(nil)
    private let stopped = Atomic<Bool>(false)

    /// The static file the `--static` customers ask for, and the folder nginx serves it from.
    public static let staticPath = "/static/menu.css"

    /// Why nginx could not be put in front: one line.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The line printed when nginx is not installed.
    public static let installHint =
        "nginx is not installed: sudo apt-get install nginx (Debian/Ubuntu), or give --nginx PATH"

    /// nginx on PATH or in /usr/sbin (Debian puts it there, outside a normal user's PATH); `explicit` wins.
    public static func find(explicit: String? = nil) -> String? {
        if let explicit {
            let path = PeerStack.resolve(explicit)
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin"]
        return folders.map { "\($0)/nginx" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts nginx in front of `upstreamPort` (the sync side on loopback), listening with `backlog` (the café's),
    /// and waits until it answers `GET /` through to the sync side. On failure nothing is left running.
    public init(
        nginx: String, upstreamHost: String = "127.0.0.1", upstreamPort: Int, backlog: Int, supervisor: Supervisor
    )
        throws
    {
        Self.removeStalePrefixes()
        let prefix = try Self.makePrefix()
        let ports = Self.freePorts(2)
        guard ports.count == 2 else { throw Failure(description: "nginx: no free loopback port") }
        let configuration = Self.configuration(
            prefix: prefix, port: ports[0], adminPort: ports[1], upstream: "\(upstreamHost):\(upstreamPort)",
            backlog: backlog)
        do {
            try configuration.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: prefix + "/static", withIntermediateDirectories: true)
            try Self.menu.write(toFile: prefix + Self.staticPath, atomically: true, encoding: .utf8)
            child = try supervisor.launchPeer(
                .sync, command: [nginx, "-p", prefix + "/", "-c", prefix + "/nginx.conf", "-e", "stderr"],
                directory: prefix, port: ports[0])
        } catch {
            try? FileManager.default.removeItem(atPath: prefix)
            // The guard's errors name "the sync café"; this one is nginx.
            throw Failure(description: "nginx did not start: " + "\(error)".replacing("the sync café ", with: ""))
        }
        self.prefix = prefix
        port = ports[0]
        adminPort = ports[1]
        door = KernelSocketTable(port: ports[0], address: DoorAddress(host: "127.0.0.1"))
        inside = KernelProcessView(root: child.commandPID)
        let thread = Thread { [self] in pollStatus() }
        thread.name = "nginx-status"
        thread.start()
    }

    /// What the pane draws of nginx now.
    public func view() -> FrontView {
        FrontView(connections: status.withLock { $0 }, doorQueue: door.doorCount()?.queued, inside: inside.sample())
    }

    /// Stops polling and removes the private folder; the Supervisor ends the process group.
    public func stop() {
        stopped.store(true, ordering: .relaxed)
        try? FileManager.default.removeItem(atPath: prefix)
    }

    /// `stub_status` every 100 ms, each answer kept as the latest.
    private func pollStatus() {
        let client = OneShotClient(port: adminPort, timeout: .seconds(1))
        while !stopped.load(ordering: .relaxed) {
            if let reply = try? client.get("/nginx_status"), reply.status == 200,
                let connections = FrontView.parseStubStatus(reply.body)
            {
                status.withLock { $0 = connections }
            }
            usleep(100_000)
        }
    }

    // MARK: - The configuration

    /// nginx's configuration for the show: foreground, everything it writes inside `prefix`, errors on stderr, no
    /// access log; the customers' `listen` on loopback with the café's backlog, proxied to the sync side with nginx's
    /// own defaults written out (request and response buffering on), HTTP/1.1 to the upstream; the static folder;
    /// `stub_status` on a loopback-only admin `listen`.
    public static func configuration(
        prefix: String, port: Int, adminPort: Int, upstream: String, backlog: Int
    )
        -> String
    {
        let openFiles = Self.openFileLimit
        return """
            # Written by barista for one show; removed when it ends.
            daemon off;
            master_process on;
            worker_processes 1;
            worker_rlimit_nofile \(openFiles);
            pid \(prefix)/nginx.pid;
            error_log stderr warn;

            events {
                # Each proxied customer is two connections (client and upstream); a long line at the café is many.
                worker_connections \(openFiles / 2);
            }

            http {
                access_log off;
                client_body_temp_path \(prefix)/client_body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                types { text/css css; }

                server {
                    listen 127.0.0.1:\(port) backlog=\(backlog);

                    # Static files: nginx answers them itself, from disk.
                    location /static/ {
                        root \(prefix);
                    }

                    # Everything else goes to the sync side, read whole first and answered whole.
                    location / {
                        proxy_pass http://\(upstream);
                        proxy_http_version 1.1;
                        proxy_request_buffering on;
                        proxy_buffering on;
                        proxy_read_timeout 600s;
                    }
                }

                server {
                    listen 127.0.0.1:\(adminPort);
                    location = /nginx_status {
                        stub_status;
                        allow 127.0.0.1;
                        deny all;
                    }
                }
            }

            """
    }

    /// Descriptors nginx's worker may open: as many as this process may (its hard limit), at most 65,536. nginx
    /// otherwise keeps the soft limit it inherits (often 1,024), and a long line at the café runs it out of them.
    static var openFileLimit: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return Int(min(max(limit.rlim_max, 1024), 65536))
    }

    /// The static file: a small stylesheet, as a page's css would be.
    static let menu = """
        /* barista's menu: served by nginx from disk, never by a barista. */
        body { font-family: sans-serif; background: #fdf6e3; color: #3b2f2f; }
        .cup { display: inline-block; width: 1em; height: 1em; background: #6f4e37; border-radius: 0 0 .4em .4em; }

        """

    /// The folders of shows that ended without removing theirs (`kill -9`): no live nginx in their pid file, and
    /// older than a minute (a show starting right now has none yet).
    static func removeStalePrefixes() {
        let folder = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix("barista-nginx-") {
            let path = folder + "/" + name
            let pidText = try? String(contentsOfFile: path + "/nginx.pid", encoding: .utf8)
            if let pid = pidText.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }),
                kill(pid, 0) == 0
            {
                continue
            }
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            if let modified, modified.timeIntervalSinceNow < -60 { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    private static func makePrefix() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/barista-nginx-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "nginx: could not make a folder in \(NSTemporaryDirectory()) (errno \(errno))")
        }
        // Started by root, nginx's workers run as an unprivileged user (nobody): they must be able to enter the
        // folder to read the static file and write their temp files.
        chmod(made, 0o755)
        return String(cString: made)
    }

    /// Ports nobody listens on now: bound on loopback port 0, read back, released.
    public static func freePorts(_ count: Int) -> [Int] {
        let sockets = (0..<count).map { _ in
            socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        defer { sockets.forEach { _ = close($0) } }
        return sockets.compactMap { fd in
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
        }
    }
}
