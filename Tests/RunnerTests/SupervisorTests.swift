import CafeModel
import Foundation
import Runner
import Telemetry
import TestSupport
import Testing

extension LiveRunners {
    @Suite("The Supervisor starts cafés as children and ends them", .serialized)
    struct SupervisorTests {
        let supervisor = Supervisor(executable: BaristaBinary.url.path)

        @Test("a launched café is ready, answers, and is polled; terminateAll ends it")
        func launchAndTerminate() async throws {
            let child = try supervisor.launch(.sync, port: 0, arguments: ["--workers", "2"])
            #expect(child.isRunning)
            #expect(child.port > 0 && child.adminPort > 0)
            let poller = StatsPoller(adminPort: child.adminPort, interval: .milliseconds(20))
            defer { poller.stop() }
            await eventually(every: .milliseconds(10)) { poller.latest != nil }
            #expect(poller.latest?.cafe == .sync)
            #expect(poller.latest?.workers.count == 2)
            supervisor.terminateAll()
            #expect(!child.isRunning)
            #expect(child.exitStatus == 0, "SIGTERM is a clean stop")
            #expect(kill(child.pid, 0) != 0, "no process is left")
        }

        @Test("a busy port falls back to a free one")
        func busyPortFallsBack() throws {
            let first = try supervisor.launch(.sync, port: 0, arguments: [])
            let second = try supervisor.launch(.sync, port: first.port, arguments: [])
            #expect(second.port != first.port)
            #expect(second.isRunning)
            supervisor.terminateAll()
            #expect(!first.isRunning && !second.isRunning)
        }

        @Test("a café that cannot start is reported with its stderr")
        func failureNamesTheCafe() {
            do {
                _ = try supervisor.launch(.sync, port: 0, arguments: ["--workers", "0"])
                Issue.record("expected a failure")
            } catch {
                #expect(error.description.contains("sync café exited with status 2"))
                #expect(error.description.contains("--workers"))
            }
        }

        @Test("a café inherits no descriptor of barista's but 0, 1 and 2 (SwiftNIO's sockets are not close-on-exec)")
        func noDescriptorInherited() throws {
            let socket = InheritableSocket()
            #expect(fcntl(socket.fd, F_GETFD) & FD_CLOEXEC == 0, "the socket stays open across exec unless closed")
            let child = try supervisor.launch(.sync, port: 0, arguments: [])
            defer { supervisor.terminateAll() }
            #expect(!socket.isHeld(by: child.pid))
            #expect(socket.isHeld(by: getpid()))
        }

        @Test("a poller notices a café that died")
        func pollerSeesDeath() async throws {
            let child = try supervisor.launch(.sync, port: 0, arguments: [])
            let poller = StatsPoller(adminPort: child.adminPort, interval: .milliseconds(20))
            defer { poller.stop() }
            kill(child.pid, SIGKILL)
            await eventually(every: .milliseconds(10)) { poller.failure != nil && !child.isRunning }
            #expect(poller.failure != nil)
            #expect(child.exitStatus == 128 + SIGKILL)
        }
    }
}
