import AsyncServer
import CafeHTTP
import CafeModel
import Testing

@Suite("The async café's configuration: its own settings beside the shared doors")
struct AsyncCafeConfigurationTests {
    @Test("door fields are the shared doors' fields; port 8002 unless told otherwise")
    func doors() {
        var configuration = AsyncCafeConfiguration()
        #expect(configuration.port == 8002 && configuration.doors.port == 8002)
        configuration.port = 0
        configuration.adminToken = "s3cret"
        configuration.door = .reuseport
        #expect(configuration.doors.port == 0)
        #expect(configuration.doors.adminToken == "s3cret")
        #expect(configuration.door == .reuseport, "how the loops share the door stays the async café's own")
    }

    @Test("the door's settings are checked as the sync café's are, after the café's own")
    func validation() {
        var configuration = AsyncCafeConfiguration()
        configuration.backlog = -1
        #expect(refusal(configuration).hasPrefix("--backlog "))
        configuration.loops = 0
        #expect(refusal(configuration).hasPrefix("--loops "), "the café's own settings come first")
        configuration.loops = 1
        configuration.backlog = 2048
        configuration.headerTimeout = .zero
        #expect(refusal(configuration).hasPrefix("--header-timeout "))
    }

    private func refusal(_ configuration: AsyncCafeConfiguration) -> String {
        do {
            try configuration.validate()
            return "accepted"
        } catch {
            return error.description
        }
    }
}
