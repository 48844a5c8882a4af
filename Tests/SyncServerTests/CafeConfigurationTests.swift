import CafeHTTP
import CafeModel
import SyncServer
import Testing

/// The door, admin port and closing time: one `DoorConfiguration`, read through the café's configuration.
@Suite("The sync café's configuration shares its doors with the async café's")
struct CafeConfigurationTests {
    /// The message `validate()` throws, or nil when the configuration is accepted.
    private func refusal(_ change: (inout SyncCafeConfiguration) -> Void) -> String? {
        var configuration = SyncCafeConfiguration()
        change(&configuration)
        do {
            try configuration.validate()
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a door field written on the configuration is the shared doors' field")
    func doorFieldsAreTheDoors() {
        var configuration = SyncCafeConfiguration()
        #expect(configuration.port == 8001 && configuration.doors.port == 8001)
        configuration.port = 0
        configuration.backlog = 16
        configuration.headerTimeout = .seconds(3)
        configuration.adminHost = "0.0.0.0"
        configuration.adminToken = "s3cret"
        configuration.shutdownGrace = .seconds(30)
        var expected = DoorConfiguration(port: 0)
        expected.backlog = 16
        expected.headerTimeout = .seconds(3)
        expected.adminHost = "0.0.0.0"
        expected.adminToken = "s3cret"
        expected.shutdownGrace = .seconds(30)
        #expect(configuration.doors == expected)
    }

    @Test(
        "each wrong setting is refused with its flag's name",
        arguments: [
            "--port", "--admin-port", "--backlog", "--admin-token", "--header-timeout", "--graceful-timeout",
            "--workers",
            "--timeout",
        ])
    func refusals(flag: String) throws {
        let message = try #require(
            refusal { configuration in
                switch flag {
                case "--port": configuration.port = 70_000
                case "--admin-port": configuration.adminPort = -1
                case "--backlog": configuration.backlog = -5
                case "--admin-token": configuration.adminToken = ""
                case "--header-timeout": configuration.headerTimeout = .zero
                case "--graceful-timeout": configuration.shutdownGrace = .seconds(-1)
                case "--workers": configuration.workers = 0
                default: configuration.timeout = .zero
                }
            })
        #expect(message.hasPrefix(flag + " "), "\(message)")
    }

    @Test("the defaults are accepted")
    func defaults() {
        #expect(refusal { _ in } == nil)
    }
}
