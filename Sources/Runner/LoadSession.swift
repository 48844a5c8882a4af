import CafeHTTP
import Foundation
import LoadGenerator
import Telemetry

#if canImport(Glibc)
import Glibc
#endif

/// One run of `barista load`: the customers sent to every target until the day ends (or Ctrl-C), a progress line
/// on a terminal's stderr, a CSV row per second and café, then the report on stdout (LoadReport) and the notes on
/// stderr. The command only reads its flags into a plan and targets.
public struct LoadSession {
    public var targets: [LoadTarget]
    public var plan: LoadPlan
    /// `--json`: the report as JSON rather than text.
    public var json: Bool
    /// `--csv FILE`: one row per second and café.
    public var csvPath: String?
    /// Whether to say so when the open-file limit lowers the customers in flight: only worth a word when the
    /// person asked for more (`--max-in-flight` given) than can be had.
    public var warnWhenCapped: Bool

    public init(targets: [LoadTarget], plan: LoadPlan, json: Bool, csvPath: String?, warnWhenCapped: Bool) {
        self.targets = targets
        self.plan = plan
        self.json = json
        self.csvPath = csvPath
        self.warnWhenCapped = warnWhenCapped
    }

    /// Runs the day; the exit code: 0 when every target served someone, 1 when one served nobody (named on
    /// stderr). A CSV file that cannot be written or a run that cannot start is a usage error, thrown.
    public func run() throws(LoadFlagError) -> Int32 {
        // Before any thread starts, so that SIGCONT reaches the generator whatever its parent blocked.
        ProcessStops.watch()
        var plan = self.plan
        // Each customer in flight holds one descriptor per café: stay under the open-file limit.
        let limit = ProcessUsage.raiseOpenFileLimit()
        let affordable = max(1, (limit - 64) / targets.count)
        // Set when the open-file limit, not --max-in-flight, caps the customers in flight: then it is what to raise.
        var cappedByOpenFiles: Int?
        if plan.maxInFlight > affordable {
            cappedByOpenFiles = limit
            if warnWhenCapped {
                warn("open-file limit \(limit): at most \(affordable) customers in flight (not \(plan.maxInFlight))")
            }
            plan.maxInFlight = affordable
        }
        var csvFile: FileHandle?
        if let csvPath {
            guard FileManager.default.createFile(atPath: csvPath, contents: nil),
                let file = FileHandle(forWritingAtPath: csvPath)
            else { throw LoadFlagError("cannot write --csv file '\(csvPath)'") }
            file.write(Data(LoadReport.csvHeader.utf8))
            csvFile = file
        }
        let run = try LoadRun(targets: targets, plan: plan)

        // Ctrl-C ends the day early; the summary still follows.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { run.stop() }
        interrupt.resume()

        let live = isatty(STDERR_FILENO) == 1
        var written = Array(repeating: -1, count: targets.count)
        func writeRows(_ snapshot: LoadSnapshot) {
            let rows = LoadReport.csvRows(snapshot, written: &written)
            if let csvFile, !rows.isEmpty { csvFile.write(Data(rows.utf8)) }
        }
        run.start()
        var snapshot = run.snapshot()
        while snapshot.state != .finished {
            Thread.sleep(forTimeInterval: 0.2)
            snapshot = run.snapshot()
            if live { StderrLog.write("\r\u{1B}[K" + LoadReport.progressLine(snapshot)) }
            if csvFile != nil { writeRows(snapshot) }
        }
        interrupt.cancel()
        if live { StderrLog.write("\r\u{1B}[K") }
        if let csvFile {
            writeRows(snapshot)
            try? csvFile.close()
        }
        print(json ? LoadReport.json(snapshot, plan: plan) : LoadReport.text(snapshot, plan: plan, targets: targets))
        if let note = NotSentNote.line(snapshot, openFileLimit: cappedByOpenFiles) { warn(note) }
        // A run that served nobody somewhere is not a success, whatever else it measured.
        let unserved = snapshot.targets.filter { $0.served == 0 }
        for target in unserved { warn("\(target.label) served nobody") }
        return unserved.isEmpty ? 0 : 1
    }

    private func warn(_ message: String) { StderrLog.barista(message) }
}
