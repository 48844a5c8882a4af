import CafeModel
import Testing

@Suite("An order: /brew?ms=&kind=")
struct OrderTests {
    @Test("defaults to a 100 ms io brew")
    func defaults() throws {
        #expect(try Order.parse([:]).get() == Order(milliseconds: 100, kind: .io))
    }

    @Test("reads ms and kind")
    func reads() throws {
        #expect(try Order.parse(["ms": "250", "kind": "cpu"]).get() == Order(milliseconds: 250, kind: .cpu))
    }

    @Test(
        "refuses what is not a brew",
        arguments: [
            ["ms": "-1"], ["ms": "abc"], ["ms": "60001"], ["kind": "tea"], ["ms": "1e3"],
        ])
    func refuses(parameters: [String: String]) {
        #expect(throws: OrderError.self) { try Order.parse(parameters).get() }
    }

    @Test("its path is the order as a query")
    func path() {
        #expect(Order(milliseconds: 50, kind: .cpu).path == "/brew?ms=50&kind=cpu")
    }
}

@Suite("Durations as typed")
struct DurationTextTests {
    @Test(
        "parses the units people type",
        arguments: [
            ("100ms", 100.0), ("2s", 2000.0), ("1.5s", 1500.0), ("2m", 120_000.0), ("500us", 0.5), ("0s", 0.0),
            ("2m05s", 125_000.0), ("1m00s", 60_000.0), ("1m1.5s", 61_500.0),
        ])
    func parses(text: String, milliseconds: Double) {
        #expect(DurationText.parse(text)?.milliseconds == milliseconds)
    }

    @Test(
        "refuses the rest",
        arguments: ["", "ms", "10", "-1s", "1h", "s10", "abc", "2m5", "m5s", "2m-5s", "2mms", "2m5ms", "1.5m05s"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("formats short forms")
    func formats() {
        #expect(DurationText.format(.milliseconds(850)) == "850ms")
        #expect(DurationText.format(.milliseconds(1420)) == "1.42s")
        #expect(DurationText.format(.seconds(125)) == "2m05s")
    }

    @Test("reads back what it prints", arguments: [850, 1420, 59_990, 60_000, 125_000, 3_599_000])
    func roundTrips(milliseconds: Int) {
        let printed = DurationText.format(.milliseconds(milliseconds))
        #expect(DurationText.parse(printed) == .milliseconds(milliseconds), "\(printed)")
    }
}

@Suite("The /stats wire format")
struct ServerStatsTests {
    @Test("round-trips through snake_case JSON")
    func roundTrip() throws {
        var counters = ServerStats.Counters()
        counters.count(status: 200)
        counters.count(status: 404)
        counters.count(status: 503)
        let stats = ServerStats(
            cafe: .sync, pid: 42, uptimeMs: 1000, cpuSeconds: 0.5,
            config: .init(host: "127.0.0.1", port: 8001, backlog: 16, headerTimeoutMs: 10_000, workers: 4),
            acceptQueue: .init(length: 3, maximum: 16),
            workers: [.init(id: 0, state: .blocked, customerId: "7", forMs: 12, brewMs: 100)],
            inProgress: [.init(customerId: "7", phase: .blocked, ageMs: 13)], inProgressCount: 1, counters: counters)
        let data = try stats.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""accept_queue":{"length":3,"maximum":16}"#))
        #expect(text.contains(#""in_progress_count":1"#))
        #expect(try ServerStats.decode(from: data) == stats)
        #expect(
            counters.completed == 3 && counters.status2xx == 1 && counters.status4xx == 1 && counters.status5xx == 1)
    }
}
