import AsyncServer
import CafeHTTP
import CafeModel
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The async café, live on loopback", .serialized, .onOwnThreads)
struct AsyncCafeTests {
    @Test("serves the hello page, and a cup with Server-Timing and the customer's id")
    func helloAndCup() throws {
        try withCafe { cafe in
            let client = OneShotClient(port: cafe.port)
            let hello = try client.get("/")
            #expect(hello.status == 200)
            #expect(hello.body.contains("ASYNC café"))
            let cup = try client.get("/brew?ms=20&kind=io", headers: ["X-Customer-Id": "42"])
            #expect(cup.status == 200)
            #expect(cup.header("X-Customer-Id") == "42")
            #expect(cup.header("Server-Timing")?.contains("brew;dur=") == true)
            #expect(cup.header("Server") == "barista-async")
        }
    }

    @Test("keeps a connection alive across orders and honours Connection: close")
    func keepAlive() throws {
        try withCafe { cafe in
            let client = OneShotClient(port: cafe.port, timeout: .seconds(20))
            let fd = try client.connect()
            defer { close(fd) }
            sendText(fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readReply(fd).header("Connection") == "keep-alive")
            sendText(fd, "GET /brew?ms=5 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readReply(fd).status == 200)
            sendText(fd, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let last = try client.readReply(fd)
            #expect(last.header("Connection") == "close")
            var byte: UInt8 = 0
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            #expect(poll(&entry, 1, 10_000) == 1)
            #expect(recv(fd, &byte, 1, 0) == 0, "the café closed the connection after the last answer")
            #expect(cafe.stats().counters.accepted == 1)
        }
    }

    @Test("refuses bad input with the same status as the sync café", arguments: BadRequestCase.all)
    func refusesBadInput(badCase: BadRequestCase) throws {
        try withCafe { cafe in
            let reply = try OneShotClient(port: cafe.port, timeout: .seconds(20)).send(badCase.bytes)
            #expect(reply.status == badCase.status, "\(badCase.name)")
            #expect(reply.header("Connection") == "close")
        }
    }

    @Test("an absolute-form target after empty lines is served, as uvicorn serves it")
    func lenientRequestLine() throws {
        try withCafe { cafe in
            let request = "\r\nGET http://127.0.0.1/brew?ms=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let reply = try OneShotClient(port: cafe.port, timeout: .seconds(5)).send(Array(request.utf8))
            #expect(reply.status == 200)
        }
    }

    @Test("a client that sends no head within --header-timeout gets 408")
    func headerTimeout() throws {
        try withCafe({ $0.headerTimeout = .milliseconds(300) }) { cafe in
            let client = OneShotClient(port: cafe.port, timeout: .seconds(20))
            let fd = try client.connect()
            defer { close(fd) }
            #expect(try client.readReply(fd).status == 408)
        }
    }

    @Test("await, one loop: 200 customers with 2 s brews are all served in a few brews, not 200, holding buzzers")
    func awaitServesEveryoneAtOnce() throws {
        // Long brews: on a busy 2-core machine (a debug build, other suites in parallel) 200 orders can take a
        // second to arrive; beside a 2 s brew that is small, and they all hold a buzzer at the same time.
        let brew = Duration.seconds(2)
        try withCafe({ $0.handler = .await }) { cafe in
            let sampler = sample(cafe)
            let outcome = Crowd(port: cafe.port, count: 200, path: "/brew?ms=2000&kind=io").order()
            let samples = sampler.stop()
            #expect(outcome.count(200) == 200)
            // One at a time would take 200 brews; one awaiting loop needs one brew plus overhead (about 2.2 s on a
            // quiet machine; `barista bench async --only buzzers` measures it). 20 brews is far from 200 and far
            // above any busy machine's overhead: only a café that serves one by one fails here.
            #expect(outcome.elapsed < brew * 20, "took \(outcome.elapsed)")
            // Usually all 200 hold a buzzer at once; on a busy machine the last orders can arrive after the first
            // cups, so ask for at least half (a 4-worker sync café never has more than 4 brewing).
            let mostAwaiting = samples.map(\.awaiting).max() ?? 0
            #expect(mostAwaiting >= 100, "at most \(mostAwaiting) buzzers out at once")
            #expect(samples.allSatisfy { $0.blockedLoops == 0 })
            #expect(cafe.stats().counters.status2xx == 200)
        }
    }

    @Test("block, one loop: customers are served one brew at a time and the loop lag shows it")
    func blockStallsTheLoop() throws {
        try withCafe({ $0.handler = .block }) { cafe in
            let sampler = sample(cafe)
            let outcome = Crowd(port: cafe.port, count: 20, path: "/brew?ms=100&kind=io").order()
            let samples = sampler.stop()
            #expect(outcome.count(200) == 20)
            // 20 × 100 ms on one loop: about 2 s, however many customers wait at once.
            #expect(outcome.elapsed >= .milliseconds(1900), "took \(outcome.elapsed)")
            #expect((samples.map(\.maxLagMs).max() ?? 0) >= 50)
            #expect(samples.contains { $0.blockedLoops == 1 })
        }
    }

    @Test("block, two loops: two customers ordering ten cups each in a row are brewed side by side, one per loop")
    func blockWithTwoLoops() throws {
        func served(loops: Int) throws -> (elapsed: Duration, mostBlocked: Int) {
            var elapsed = Duration.zero
            var mostBlocked = 0
            try withCafe({
                $0.handler = .block; $0.loops = loops
            }) { cafe in
                let sampler = sample(cafe)
                // Each new order comes on a new connection while the other customer's cup blocks one loop: the
                // free loop takes it in (a shared door), so two loops brew side by side.
                let clock = ContinuousClock()
                let start = clock.now
                let statuses = Mutex<[Int?]>([])
                let done = DispatchGroup()
                for _ in 0..<2 {
                    done.enter()
                    Thread {
                        let client = OneShotClient(port: cafe.port, timeout: .seconds(30))
                        for _ in 0..<10 {
                            let status = try? client.get("/brew?ms=100&kind=io").status
                            statuses.withLock { $0.append(status) }
                        }
                        done.leave()
                    }.start()
                }
                done.wait()
                elapsed = start.duration(to: clock.now)
                mostBlocked = sampler.stop().map(\.blockedLoops).max() ?? 0
                #expect(statuses.withLock { $0.filter { $0 == 200 }.count } == 20)
                #expect(cafe.stats().loops.count == loops)
            }
            return (elapsed, mostBlocked)
        }
        let one = try served(loops: 1), two = try served(loops: 2)
        // Each loop stalls for its own customers: with two, both loops are stuck in a cup at the same time (the
        // café's own count, whatever the machine's load); with one, the 20 cups go one after another. How much
        // sooner two loops finish is a figure for `barista bench async --only loops`, not a test's bound.
        #expect(two.mostBlocked == 2, "two loops brew side by side (\(two.elapsed), one loop \(one.elapsed))")
        #expect(one.mostBlocked == 1)
        #expect(two.elapsed >= .milliseconds(900), "took \(two.elapsed)")
        #expect(one.elapsed >= .milliseconds(1900), "20 cups of 100 ms one after another took \(one.elapsed)")
    }

    @Test("offload with 4 helpers behaves like a 4-worker sync café: 20 × 300 ms brewed four at a time, not one")
    func offloadLikeFourWorkers() throws {
        try withCafe({
            $0.handler = .offload; $0.offloadThreads = 4
        }) { cafe in
            let sampler = sample(cafe)
            // 300 ms brews: long enough for the sampler to see them side by side on a busy machine.
            let outcome = Crowd(port: cafe.port, count: 20, path: "/brew?ms=300&kind=io").order()
            let samples = sampler.stop()
            cafe.control(ControlRequest(offloadThreads: 1))
            let aloneSampler = sample(cafe)
            let alone = Crowd(port: cafe.port, count: 20, path: "/brew?ms=300&kind=io").order()
            let aloneSamples = aloneSampler.stop()
            #expect(outcome.count(200) == 20 && alone.count(200) == 20)
            #expect(outcome.elapsed >= .milliseconds(1450), "took \(outcome.elapsed)")
            // Four helpers brew four cups at once where one brews one: the café's own counts, on any machine. (How
            // much sooner that ends is a figure for `barista bench async --only offload`, not a test's bound.)
            #expect(aloneSamples.map(\.offloadBusy).max() == 1, "4 helpers took \(outcome.elapsed), 1 \(alone.elapsed)")
            #expect((aloneSamples.map(\.offloadWaiting).max() ?? 0) >= 8)
            #expect(alone.elapsed >= .milliseconds(5900), "20 cups of 300 ms one after another took \(alone.elapsed)")
            #expect(samples.map(\.offloadBusy).max() == 4)
            #expect((samples.map(\.offloadWaiting).max() ?? 0) >= 8)
            #expect(samples.allSatisfy { $0.blockedLoops == 0 })
        }
    }

    @Test("closing time in offload mode: orders still in the back room's line get 503, not a cup never brewed")
    func closingTimeRefusesTheLine() async throws {
        try await withCafe({
            $0.handler = .offload; $0.offloadThreads = 1; $0.shutdownGrace = .milliseconds(100)
        }) {
            cafe in
            let outcome = await Crowd(port: cafe.port, count: 4, path: "/brew?ms=1500&kind=io").order {
                // One helper brews; the other three wait in its line when the café closes.
                await eventually(every: .milliseconds(5)) { (cafe.stats().offload?.waiting ?? 0) >= 3 }
                cafe.shutdown()
            }
            #expect(outcome.count(503) == 3, "statuses \(outcome.statuses)")
            #expect(outcome.count(200) <= 1, "only the order a helper took can be a cup: \(outcome.statuses)")
        }
    }
}
