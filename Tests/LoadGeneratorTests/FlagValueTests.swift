import CafeModel
import LoadGenerator
import TestSupport
import Testing

@Suite("Load flag values", .onOwnThreads)
struct FlagValueTests {
    @Test("a rate reads per second, per minute or bare")
    func rates() throws {
        #expect(try Rate.parse("50/s").perSecond == 50)
        #expect(try Rate.parse("300/m").perSecond == 5)
        #expect(try Rate.parse("12.5").perSecond == 12.5)
        #expect(try Rate.parse("0.5/s").gap == .seconds(2))
    }

    @Test("a rate that is not one is refused in one line", arguments: ["", "0/s", "-5/s", "fast", "50/h", "5e9/s"])
    func badRates(text: String) {
        #expect(throws: LoadFlagError.self) { try Rate.parse(text) }
        do { _ = try Rate.parse(text) } catch { #expect(!error.description.contains("\n")) }
    }

    @Test("a burst is size@period")
    func bursts() throws {
        #expect(try Burst.parse("40@2s") == Burst(size: 40, every: .seconds(2)))
        #expect(try Burst.parse("1@100ms") == Burst(size: 1, every: .milliseconds(100)))
        for bad in ["40", "@2s", "40@", "0@2s", "40@0s", "x@2s", "40@2"] {
            #expect(throws: LoadFlagError.self) { try Burst.parse(bad) }
        }
    }

    @Test("a ramp is from..to@duration")
    func ramps() throws {
        let ramp = try Ramp.parse("10/s..200/s@30s")
        #expect(ramp.from.perSecond == 10 && ramp.to.perSecond == 200 && ramp.over == .seconds(30))
        #expect(try Ramp.parse("200/s..10/s@1m").over == .seconds(60))
        for bad in ["10/s..200/s", "10/s-200/s@30s", "..200/s@30s", "10/s..@30s", "10/s..200/s@0s", "a..b@1s"] {
            #expect(throws: LoadFlagError.self) { try Ramp.parse(bad) }
        }
    }

    @Test("a URL gives host, port and its own path, if any")
    func urls() throws {
        let bare = try LoadTarget(url: "http://127.0.0.1:8001")
        #expect(bare.host == "127.0.0.1" && bare.port == 8001 && bare.path == nil)
        #expect(bare.requestPath(order: Order(milliseconds: 100, kind: .cpu)) == "/brew?ms=100&kind=cpu")
        let root = try LoadTarget(url: "http://localhost:8002/")
        #expect(root.requestPath(order: Order(milliseconds: 100)) == "/")
        let query = try LoadTarget(url: "http://[::1]:9000/brew?ms=5")
        #expect(query.host == "::1" && query.port == 9000 && query.path == "/brew?ms=5")
        #expect(query.hostHeader == "[::1]:9000")
        #expect(try LoadTarget(url: "http://example.com").port == 80)
        for bad in ["127.0.0.1:8001", "https://x:1", "http://", "http://x:0", "http://x:99999", "http://x:port"] {
            #expect(throws: LoadFlagError.self) { try LoadTarget(url: bad) }
        }
    }
}
