/// How many customers a second the show can send on this project's 2-core machine and still tell the truth.
///
/// Every customer is two visits (one to each café), each on a new connection, and the show's one generator thread
/// pays for both: past this rate the show and its customers take more than half a core of the two, the cafés are
/// left short of the rest, `/stats` answers come late and the figures on screen go stale. The screen warns when
/// the offered rate passes it.
///
/// Derived from the benchmarks README reports (2 cores, release build):
/// - `barista bench load` and `farm-bench`, 1,000/s, new connection each: 86–195 µs of CPU a visit on a busy box
///   (hey about the same, wrk a quarter to a half); taken at the median, 155 µs, so 310 µs a customer;
/// - `Benchmarks/show-cpu.sh`: the show itself (screen at 10 fps, polling) about 1 % of a core with the door
///   closed, 2 % with the screen busy;
/// - budget: the show and its customers take at most half a core, so the two cafés keep 1.5 cores.
/// (0.5 − 0.02) ÷ 0.000 310 ≈ 1,550 customers/s, rounded down to the hundred.
public enum ShowCapacity {
    /// The offered rate (customers a second into both cafés) up to which the show on 2 cores stays truthful.
    public static let truthfulRatePerSecond = 1_500.0
    /// The cores of the machine that figure was measured on.
    public static let measuredOnCores = 2
    /// CPU seconds the generator spends on one customer (two visits, new connections).
    public static let cpuSecondsPerCustomer = 0.000_310
    /// Cores the show and its customers may take on a 2-core machine.
    public static let budgetCores = 0.5
}
