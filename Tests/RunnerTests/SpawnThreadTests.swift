import CafeModel
import Foundation
import Runner
import TestSupport
import Testing

extension LiveRunners {
    @Suite("Cafés live as long as barista, whatever thread started them")
    struct SpawnThreadTests {
        @Test(
            "a café launched from a short-lived thread outlives that thread (parent-death follows the spawning thread)")
        func outlivesItsThread() async throws {
            let supervisor = Supervisor(executable: BaristaBinary.url.path)
            defer { supervisor.terminateAll(grace: .milliseconds(200)) }
            let launched = LaunchBox()
            let thread = Thread {
                launched.cafe = try? supervisor.launch(.async, port: 0, arguments: [])
                launched.done.signal()
            }
            thread.start()
            await onOwnThread { launched.done.wait() }
            let cafe = try #require(launched.cafe)
            // The launching thread has ended by now; a child tied to it would get SIGTERM and be gone within a second.
            await pause(for: .seconds(2))
            #expect(cafe.isRunning, "the café was ended when the thread that launched it finished")
        }

        /// Safe: `cafe` is written before `done` signals and read after the wait.
        final class LaunchBox: @unchecked Sendable {
            var cafe: ChildCafe?
            let done = DispatchSemaphore(value: 0)
        }
    }
}
