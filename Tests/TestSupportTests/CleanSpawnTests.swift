import TestSupport
import Testing

@Suite("CleanSpawn's programs (tmux) inherit only 0, 1 and 2")
struct CleanSpawnTests {
    @Test("a socket that is not close-on-exec does not reach the program")
    func noSocketInherited() {
        let socket = InheritableSocket()
        let listing = CleanSpawn.run(["sh", "-c", "ls -l /proc/$$/fd"])
        #expect(listing.status == 0)
        #expect(listing.output.contains("0 -> /dev/null"), "the listing is the program's own descriptors")
        #expect(!listing.output.contains(socket.link), "\(listing.output)")
    }
}
