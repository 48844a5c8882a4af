import LoadGenerator
import TestSupport
import Testing

@Suite("Arrival schedules", .onOwnThreads)
struct ArrivalScheduleTests {
    /// The offsets (in seconds) a schedule plans before `seconds`.
    static func offsets(_ arrivals: Arrivals, within seconds: Double) -> [Double] {
        var schedule = ArrivalSchedule(arrivals)
        var result: [Double] = []
        while let next = schedule.next() {
            let offset = Double(next.components.seconds) + Double(next.components.attoseconds) / 1e18
            if offset >= seconds { break }
            result.append(offset)
        }
        return result
    }

    @Test("a constant 200/s plans exactly 400 customers in 2 s, 5 ms apart")
    func constant() throws {
        let offsets = Self.offsets(.constant(try Rate.parse("200/s")), within: 2)
        #expect(offsets.count == 400)
        #expect(offsets.first == 0)
        for (a, b) in zip(offsets, offsets.dropFirst()) { #expect(abs((b - a) - 0.005) < 1e-6) }
    }

    @Test("Poisson arrivals have the right count and mean gap, and the same seed gives the same schedule")
    func poisson() throws {
        let rate = try Rate.parse("200/s")
        let offsets = Self.offsets(.poisson(rate, seed: 42), within: 20)
        // 4,000 expected; the standard deviation of a Poisson count is √4000 ≈ 63: allow 4σ.
        #expect(abs(offsets.count - 4000) < 253)
        let gaps = zip(offsets, offsets.dropFirst()).map { $1 - $0 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        // Mean gap 5 ms; its standard error is 5 ms / √4000 ≈ 0.08 ms: allow 4 standard errors.
        #expect(abs(mean - 0.005) < 0.00032)
        // Exponential gaps: about 63 % shorter than the mean, unlike a constant schedule's 0 %.
        let short = Double(gaps.filter { $0 < 0.005 }.count) / Double(gaps.count)
        #expect(abs(short - 0.632) < 0.04)
        #expect(Self.offsets(.poisson(rate, seed: 42), within: 20) == offsets)
        #expect(Self.offsets(.poisson(rate, seed: 43), within: 20) != offsets)
    }

    @Test("a burst brings its crowd at once, every period")
    func burst() {
        let offsets = Self.offsets(.burst(Burst(size: 40, every: .seconds(2))), within: 5)
        #expect(offsets.count == 120)
        #expect(offsets.filter { $0 == 0 }.count == 40)
        #expect(offsets.filter { $0 == 2 }.count == 40)
        #expect(offsets.filter { $0 == 4 }.count == 40)
    }

    @Test("a ramp from 10/s to 200/s over 30 s plans the area under the line, then holds the final rate")
    func ramp() throws {
        let ramp = try Ramp.parse("10/s..200/s@30s")
        let offsets = Self.offsets(.ramp(ramp), within: 40)
        // (10 + 200) / 2 × 30 = 3,150 during the ramp, then 200/s for 10 s.
        #expect(abs(offsets.count - 5150) <= 1)
        // 10·t + 190·t² / 60 reaches 13.2 at t = 1 s: customers 0 to 13.
        #expect(offsets.filter { $0 < 1 }.count == 14)
        let lastSecondOfRamp = offsets.filter { $0 >= 29 && $0 < 30 }.count
        #expect(abs(lastSecondOfRamp - 197) <= 2)
        let down = Self.offsets(.ramp(try Ramp.parse("200/s..10/s@30s")), within: 30)
        #expect(abs(down.count - 3150) <= 1)
    }

    @Test("a closed loop has no timetable")
    func closed() {
        var schedule = ArrivalSchedule(.closed(customers: 5, think: .zero))
        #expect(schedule.next() == nil)
    }
}
