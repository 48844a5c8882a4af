/// A café's workers for a lesson's figures: barista's baristas from its /stats, or, for a real server that has no
/// /stats (gunicorn), its workers as the kernel sees them: asleep in `time.sleep` is blocked, in `recv` reading, and
/// anything but waiting for customers busy.
extension ShowState {
    /// The kernel's workers of a real server; nil for barista's own cafés, whose /stats say it.
    var kernelWorkers: [InsideView.Thread]? {
        guard baristas.isEmpty, let insideView else { return nil }
        return insideView.workers
    }

    /// Workers blocked at the machine.
    public var workersBlocked: Int {
        kernelWorkers.map { InsideView.count($0, .sleeping) } ?? baristas.filter { $0.state == .blocked }.count
    }

    /// Workers with a customer (not idle, not waiting for one).
    public var workersBusy: Int {
        kernelWorkers.map { $0.count - InsideView.count($0, .waitingForCustomers) } ?? busyBaristas
    }

    /// Workers reading an order still on its way.
    public var workersReading: Int { kernelWorkers.map { InsideView.count($0, .reading) } ?? readingBaristas }
}
