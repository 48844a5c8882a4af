import CafeModel
import Foundation

/// The timetable of the street: when each planned customer walks in, as an offset from the moment the
/// schedule starts.
///
/// On the load generator: the planned send instants of an open-loop load. Latency is measured from these
/// instants, not from when a request happened to leave, so a café that stalls cannot hide its queue
/// (no coordinated omission). Each instant is computed from the customer's number, never by adding gaps
/// to a clock, so rounding does not drift over a long run.
public struct ArrivalSchedule: Sendable {
    public let arrivals: Arrivals
    private var index = 0
    private var poissonOffset: Double = 0
    private var random: SeededGenerator

    /// A schedule for open-loop arrivals; closed-loop arrivals have no timetable and give no instants.
    public init(_ arrivals: Arrivals) {
        self.arrivals = arrivals
        if case .poisson(_, let seed) = arrivals {
            random = SeededGenerator(seed: seed)
        } else {
            random = SeededGenerator(seed: 0)
        }
    }

    /// The offset of the next customer from the start of the schedule; nil for a closed loop.
    public mutating func next() -> Duration? {
        let seconds: Double
        switch arrivals {
        case .constant(let rate):
            seconds = Double(index) / rate.perSecond
        case .poisson(let rate, _):
            // The first customer comes at once; each next one an exponential gap later.
            if index > 0 { poissonOffset += -Foundation.log(random.nextUnitInterval()) / rate.perSecond }
            seconds = poissonOffset
        case .burst(let burst):
            seconds = Double(index / burst.size) * Self.seconds(burst.every)
        case .ramp(let ramp):
            seconds = Self.rampOffset(index: index, ramp: ramp)
        case .closed:
            return nil
        }
        index += 1
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The instant of customer `n` (from 0) on a ramp: where the number of arrivals so far,
    /// r0·t + (r1 − r0)·t² / 2T, reaches n; after the ramp, the final rate continues.
    static func rampOffset(index: Int, ramp: Ramp) -> Double {
        let r0 = ramp.from.perSecond, r1 = ramp.to.perSecond, span = seconds(ramp.over)
        let n = Double(index)
        let arrivalsDuringRamp = (r0 + r1) / 2 * span
        if n >= arrivalsDuringRamp { return span + (n - arrivalsDuringRamp) / r1 }
        let a = (r1 - r0) / (2 * span)
        if abs(a) < 1e-12 { return n / r0 }
        // The root of a·t² + r0·t − n = 0 that lies in [0, span].
        return (-r0 + (r0 * r0 + 4 * a * n).squareRoot()) / (2 * a)
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.seconds
    }
}
