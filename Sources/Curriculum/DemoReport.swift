import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The take-home handout of a played demo (`barista demo --report DIR`): `DIR/report.md` with, per step, its
/// heading, the narration's first paragraph, a chart, the prediction and each check, then a summary table of both
/// cafés at each step's end; and one chart per step, `DIR/step-N.svg`.
///
/// Each chart is two panels, one above the other: served/s with the theory's capacities (and the offered rate)
/// as dashed lines, then queued. Two panels rather than two y-axes because the figures have different units and
/// scales (a queue of hundreds beside 40 cups/s), and a student reading a two-axis chart reads the wrong axis; the
/// capacity is a rate, so it sits with the rate. Sync is orange and solid, async teal and dashed, in both.
///
/// Atomic: everything is written into a hidden sibling folder, renamed into place at the end; on failure it is
/// removed and nothing appears at DIR. A DIR that exists and holds files is refused, never mixed with.
public struct DemoReport: Sendable {
    /// The folder the report will be written to.
    public let directory: String

    public static let syncColor = "#d95f02"
    public static let asyncColor = "#1b9e77"
    public static let offeredColor = "#777777"
    public static let asyncDash = "8 4"

    /// Checks, before anything runs, that the report can be written at `directory`: it is missing or an empty
    /// folder, and its parent folder lets us create (and remove) a folder. Throws `DemoOutputError.unwritable` or
    /// `.notEmpty`; leaves nothing behind.
    public static func prepare(at directory: String) throws -> DemoReport {
        let report = DemoReport(directory: directory)
        try report.checkTarget()
        let probe = report.stagingPath()
        guard mkdir(probe, 0o755) == 0 else {
            throw DemoOutputError.unwritable(path: directory, reason: String(cString: strerror(errno)))
        }
        rmdir(probe)
        return report
    }

    init(directory: String) {
        self.directory = directory
    }

    /// Writes the Markdown and one chart per step, atomically. Throws `DemoOutputError.notEmpty` when the folder has
    /// filled since `prepare`, `.writeFailed` when the disk fails; nothing is left behind either way.
    public func write(title: String, steps: [StepRecord]) throws {
        try write(title: title, steps: steps, beforeRename: {})
    }

    /// `beforeRename` lets a test fail the write at its last moment, when every file is staged.
    func write(title: String, steps: [StepRecord], beforeRename: () throws -> Void) throws {
        try checkTarget()
        let staging = stagingPath()
        guard mkdir(staging, 0o755) == 0 else {
            throw DemoOutputError.writeFailed(path: directory, reason: String(cString: strerror(errno)))
        }
        do {
            let names = Self.chartFileNames(for: steps)
            for (step, name) in zip(steps, names) {
                try Data(Self.chart(for: step).utf8).write(to: URL(fileURLWithPath: staging + "/" + name))
            }
            try Data(Self.markdown(title: title, steps: steps).utf8).write(
                to: URL(fileURLWithPath: staging + "/report.md"))
            try beforeRename()
            // rename(2) replaces a missing or empty folder in one step.
            guard rename(staging, directory) == 0 else {
                throw DemoOutputError.writeFailed(path: directory, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            if let error = error as? DemoOutputError { throw error }
            throw DemoOutputError.writeFailed(path: directory, reason: "\(error.localizedDescription)")
        }
    }

    private func checkTarget() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw DemoOutputError.unwritable(path: directory, reason: "it is a file") }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DemoOutputError.unwritable(path: directory, reason: "cannot list it")
        }
        if !contents.isEmpty { throw DemoOutputError.notEmpty(path: directory) }
    }

    /// A hidden folder beside the report's, unique to this process and call.
    private func stagingPath() -> String {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent
            + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    // MARK: - The files' contents, pure

    /// Each step's chart file name: `step-N.svg` after its number, `step-N-2.svg` for the second record of the same
    /// step (a step played again after "back").
    public static func chartFileNames(for steps: [StepRecord]) -> [String] {
        var seen: [Int: Int] = [:]
        return steps.map { step in
            seen[step.number, default: 0] += 1
            let count = seen[step.number]!
            return count == 1 ? "step-\(step.number).svg" : "step-\(step.number)-\(count).svg"
        }
    }

    /// One step's chart: served/s with the theory lines above, queued below; both cafés in each.
    public static func chart(for step: StepRecord) -> String {
        func points(_ figure: (StepRecord.CafeFigures) -> Double) -> (sync: [SVGChart.Point], async: [SVGChart.Point]) {
            (
                step.samples.map { SVGChart.Point(x: $0.seconds, y: figure($0.sync)) },
                step.samples.map { SVGChart.Point(x: $0.seconds, y: figure($0.async)) }
            )
        }
        let served = points(\.servedPerSecond)
        let queued = points { Double($0.queued) }
        var theory: [SVGChart.TheoryLine] = []
        var notes: [String] = []
        if step.offeredPerSecond > 0 {
            theory.append(
                .init(
                    id: "offered", label: "offered \(rate(step.offeredPerSecond))", value: step.offeredPerSecond,
                    color: offeredColor))
        }
        for (cafe, capacity, color) in [
            ("sync", step.syncCapacity, syncColor), ("async", step.asyncCapacity, asyncColor),
        ] {
            if let capacity {
                theory.append(
                    .init(
                        id: "\(cafe)-capacity", label: "\(cafe) capacity \(rate(capacity))", value: capacity,
                        color: color))
            } else {
                notes.append("\(cafe) capacity: no limit")
            }
        }
        // The chart's title line has room for about 90 characters at 720 pixels.
        let heading = step.heading.count > 48 ? step.heading.prefix(47) + "…" : step.heading
        let servedChart = SVGChart(
            title: "Step \(step.number): \(heading) — cups served per second", yLabel: "served/s",
            series: [
                .init(id: "sync-served-per-s", label: "sync served/s", points: served.sync, color: syncColor),
                .init(
                    id: "async-served-per-s", label: "async served/s", points: served.async, color: asyncColor,
                    dash: asyncDash),
            ],
            theoryLines: theory, notes: notes)
        let queuedChart = SVGChart(
            title: "customers queued at the door", yLabel: "queued",
            series: [
                .init(id: "sync-queued", label: "sync queued", points: queued.sync, color: syncColor),
                .init(
                    id: "async-queued", label: "async queued", points: queued.async, color: asyncColor, dash: asyncDash),
            ])
        return SVGChart.document(stacking: [servedChart, queuedChart], title: "Step \(step.number): \(step.heading)")
    }

    /// The report's Markdown.
    public static func markdown(title: String, steps: [StepRecord]) -> String {
        var md = "# \(escape(title))\n\n"
        md +=
            "\(steps.count) step\(steps.count == 1 ? "" : "s"), played by `barista demo` on two real cafés under "
            + "the same customers. Each chart: cups served per second (top, with the theory's capacity and the offered "
            + "rate as dashed lines) and customers queued (bottom); the sync café orange and solid, the async café "
            + "teal and dashed.\n"
        for (step, file) in zip(steps, chartFileNames(for: steps)) {
            md += "\n## Step \(step.number): \(escape(step.heading))\n\n"
            if let paragraph = firstParagraph(of: step.narration) { md += escape(paragraph) + "\n\n" }
            md += "![Step \(step.number): served/s and queued, sync and async](\(file))\n"
            if let prediction = step.prediction {
                md += "\n**Prediction.** \(escape(prediction.question))\n\n"
                md += "- answered: \(escape(prediction.answer))\n"
                md += "- measured: \(prediction.measured.map(escape) ?? "not measured")\n"
                md += "- theory: \(escape(prediction.expected))\n"
            }
            if !step.checks.isEmpty {
                md += "\n**Checks**\n\n"
                for check in step.checks {
                    md += "- \(check.passed ? "✓" : "✗") \(codeSpan(check.text))"
                    md += check.seen.map { " — \(escape($0))" } ?? ""
                    md += "\n"
                }
            }
        }
        md += "\n## Summary: both cafés at each step's end\n\n"
        md += "Each cell: sync · async.\n\n"
        md += "| Step | served/s | queued | p50 | p99 | blocked / awaiting | loop lag | walked out |\n"
        md += "|---|---|---|---|---|---|---|---|\n"
        for step in steps {
            let s = step.end.sync, a = step.end.async
            let cells = [
                "\(step.number). \(escape(step.heading))",
                pair(String(format: "%.1f", s.servedPerSecond), String(format: "%.1f", a.servedPerSecond)),
                pair(String(s.queued), String(a.queued)),
                pair(milliseconds(s.p50Ms), milliseconds(a.p50Ms)),
                pair(milliseconds(s.p99Ms), milliseconds(a.p99Ms)),
                pair("\(s.blocked) / \(s.awaiting)", "\(a.blocked) / \(a.awaiting)"),
                pair(milliseconds(s.loopLagMs), milliseconds(a.loopLagMs)),
                pair(String(s.walkedOut), String(a.walkedOut)),
            ]
            md += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return md
    }

    /// The first paragraph of a step's narration: its lines up to the first blank one, joined.
    static func firstParagraph(of narration: String) -> String? {
        var lines: [Substring] = []
        for line in narration.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if lines.isEmpty { continue }
                break
            }
            lines.append(Substring(trimmed))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Text for Markdown that renders as itself: `&`, `<`, `>` and `"` as HTML entities (GitHub renders them), so
    /// narration about `<` or a heading with `&` never turns into HTML.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A Markdown code span around text that may itself hold backticks (inside one, nothing needs escaping).
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded.replacingOccurrences(of: "\n", with: " ") + fence
    }

    static func pair(_ sync: String, _ async: String) -> String { "\(sync) · \(async)" }

    static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return value >= 1000 ? String(format: "%.1f s", value / 1000) : String(format: "%.0f ms", value)
    }

    static func rate(_ value: Double) -> String {
        (value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)) + "/s"
    }
}
