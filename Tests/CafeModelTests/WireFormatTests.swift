import CafeModel
import Foundation
import Testing

@Suite("The wire formats: the ready line and /control, one definition each")
struct WireFormatTests {
    @Test("the ready line is one JSON object with snake_case keys, read back as written")
    func readyLine() throws {
        let ready = ReadyLine(cafe: .async, port: 8002, adminPort: 40123, pid: 4242)
        #expect(ready.text == #"{"event":"ready","cafe":"async","port":8002,"admin_port":40123,"pid":4242}"#)
        #expect(ReadyLine(line: Array(ready.text.utf8)) == ready)
    }

    @Test(
        "a line that is not a ready line is not taken for one",
        arguments: [
            #"{"event":"stopping","cafe":"sync","port":1,"admin_port":2,"pid":3}"#, "barista: hello", "",
            #"{"event":"ready","port":1}"#,
        ])
    func notReady(line: String) {
        #expect(ReadyLine(line: Array(line.utf8)) == nil)
    }

    @Test("a /control request goes out as a form and comes back the same")
    func controlRoundTrip() throws {
        let sync = ControlRequest(workers: 6, reset: true)
        #expect(sync.formBody == "workers=6&reset=1")
        #expect(try ControlRequest(form: sync.formBody, for: .sync) == sync)
        let async = ControlRequest(handler: .offload, offloadThreads: 8)
        #expect(async.formBody == "handler=offload&offload-threads=8")
        #expect(try ControlRequest(form: async.formBody, for: .async) == async)
        #expect(async.summary == "handler=offload, offload-threads=8")
    }

    @Test("a limit on concurrency goes out as a number or none, and comes back the same")
    func limitRoundTrip() throws {
        let limit = ControlRequest(limitConcurrency: 20)
        #expect(limit.formBody == "limit-concurrency=20")
        #expect(try ControlRequest(form: limit.formBody, for: .async) == limit)
        let lifted = ControlRequest(limitConcurrency: 0)
        #expect(lifted.formBody == "limit-concurrency=none")
        #expect(try ControlRequest(form: "limit-concurrency=none", for: .async) == lifted)
        #expect(throws: SettingError.self) { try ControlRequest(form: "limit-concurrency=0", for: .async) }
        #expect(throws: SettingError.self) { try ControlRequest(form: "limit-concurrency=20", for: .sync) }
    }

    @Test("a query and a body are read together; blanks and empty pieces are skipped")
    func queryAndBody() throws {
        let request = try ControlRequest(form: "handler=block& &offload_threads = 3\n", for: .async)
        #expect(request == ControlRequest(handler: .block, offloadThreads: 3))
    }

    @Test(
        "a /control request a café cannot take says why in one line",
        arguments: [
            ("workers=0", CafeKind.sync, "workers must be from 1 to 512, not 0"),
            ("workers=-3", .sync, "workers is negative (-3)"),
            ("workers=many", .sync, "workers must be a whole number from 1 to 512, not 'many'"),
            ("workers=3", .async, "unknown setting 'workers'; the async café takes"),
            ("handler=sleep", .async, "handler must be await, block or offload, not 'sleep'"),
            ("handler=block", .sync, "unknown setting 'handler'; the sync café takes"),
            ("offload-threads=513", .async, "offload-threads must be from 1 to 512, not 513"),
            ("reset=0", .sync, "reset takes 1 or true, not '0'"),
            (
                "door=reuseport", .async,
                "door is set when the café starts (barista serve async --door ...); restart the café"
            ),
            ("loops=2", .async, "loops is set when the café starts"),
            ("", .sync, "send name=value"),
        ])
    func refusals(form: String, cafe: CafeKind, words: String) {
        #expect {
            try ControlRequest(form: form, for: cafe)
        } throws: { error in
            (error as? SettingError)?.description.hasPrefix(words) == true
        }
    }

    @Test("a flag and /control share one check and its words")
    func oneCheck() throws {
        #expect(try CafeLimits.check("--loops", 4, in: CafeLimits.loops) == 4)
        #expect(throws: SettingError("--loops must be from 1 to 64, not 65")) {
            try CafeLimits.check("--loops", 65, in: CafeLimits.loops)
        }
        #expect(throws: SettingError("--limit-concurrency must be at least 1, not 0")) {
            try CafeLimits.check("--limit-concurrency", 0, in: CafeLimits.limitConcurrency)
        }
    }

    @Test("the show's barista and loop are the /stats ones")
    func showStateOnStats() {
        let worker = ServerStats.WorkerStats(id: 2, state: .blocked, customerId: "7", forMs: 50, brewMs: 100)
        let loop = ServerStats.LoopStats(id: 0, state: .idle, lagMs: 80, maxLagMs: 90, awaiting: 3)
        var state = ShowState(cafe: .sync)
        state.absorb(
            ServerStats(
                cafe: .sync, pid: 1, uptimeMs: 1, cpuSeconds: 0,
                config: .init(host: "127.0.0.1", port: 1, backlog: 1, headerTimeoutMs: 1), acceptQueue: nil,
                workers: [worker], loops: [loop], inProgress: [], inProgressCount: 0, counters: .init()))
        #expect(state.baristas == [worker])
        #expect(state.baristas[0].progress == 0.5)
        #expect(state.loops[0].isBlocked)
    }

    @Test("a loop's customers, its accepts and its own door travel on /stats; JSON from before reads as unknown")
    func loopDoorOnTheWire() throws {
        let loop = ServerStats.LoopStats(
            id: 1, state: .blocked, lagMs: 300, maxLagMs: 300, awaiting: 0, customers: 3, accepted: 12, doorQueue: 2)
        let stats = ServerStats(
            cafe: .async, pid: 1, uptimeMs: 1, cpuSeconds: 0,
            config: .init(host: "127.0.0.1", port: 1, backlog: 1, headerTimeoutMs: 1, door: .reuseport),
            acceptQueue: nil, loops: [loop], inProgress: [], inProgressCount: 0, counters: .init())
        let json = String(decoding: try stats.jsonData(), as: UTF8.self)
        #expect(json.contains(#""customers":3"#) && json.contains(#""door_queue":2"#))
        #expect(json.contains(#""accepted":12"#))
        #expect(json.contains(#""door":"reuseport""#))
        #expect(try ServerStats.decode(from: Data(json.utf8)) == stats)
        let old = json.replacing(#","customers":3"#, with: "").replacing(#","door_queue":2"#, with: "")
            .replacing(#""accepted":12,"#, with: "").replacing(#","door":"reuseport""#, with: "")
        let read = try ServerStats.decode(from: Data(old.utf8))
        #expect(read.loops[0].customers == nil && read.loops[0].doorQueue == nil && read.loops[0].accepted == nil)
        #expect(read.config.door == nil)
    }

    @Test("the door is a scene setting kept by a saved scenario; one saved before it reads as shared")
    func doorInTheScenario() throws {
        let scenario = Scenario().applying(.setDoor(.reuseport))
        #expect(scenario.asyncDoor == .reuseport)
        let data = try JSONEncoder().encode(scenario)
        #expect(try JSONDecoder().decode(Scenario.self, from: data) == scenario)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object.removeValue(forKey: "asyncDoor")
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(try JSONDecoder().decode(Scenario.self, from: old).asyncDoor == .shared)
    }
}
