import Foundation

/// What a student has done, kept between runs under the XDG state folder (`$XDG_STATE_HOME/barista/`, by
/// default `~/.local/state/barista/progress.json`): the steps finished and the answers given, per lesson.
/// A home that cannot be written never stops a lesson: the first failure is reported once, then ignored.
public final class LessonProgress {
    public struct Record: Codable, Equatable, Sendable {
        /// 1-based numbers of the steps whose checks all passed.
        public var finishedSteps: Set<Int> = []
        /// The student's answer to each step's question, by 1-based step number.
        public var answers: [Int: String] = [:]
        public var stepCount = 0

        public init() {}

        public var isFinished: Bool { stepCount > 0 && finishedSteps.count >= stepCount }
    }

    public let file: URL?
    private var records: [String: Record]
    /// Set after the first failure to read or write, for the caller to show once.
    public private(set) var warning: String?
    private var warned = false

    /// The progress file for this environment: `$XDG_STATE_HOME/barista/progress.json`, else under `$HOME`.
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state).appendingPathComponent("barista/progress.json")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/barista/progress.json")
    }

    public init(file: URL?) {
        self.file = file
        records = [:]
        guard let file, FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            records = try JSONDecoder().decode([String: Record].self, from: Data(contentsOf: file))
        } catch {
            warning = "could not read the lesson progress in \(file.path) (\(error.localizedDescription)); starting afresh"
        }
    }

    public func record(for lesson: String) -> Record { records[lesson] ?? Record() }

    public func update(_ lesson: String, _ change: (inout Record) -> Void) {
        var record = records[lesson] ?? Record()
        change(&record)
        records[lesson] = record
        save()
    }

    /// Forgets everything (`--reset-progress`).
    public func reset() {
        records = [:]
        save()
    }

    private func save() {
        guard let file else { return }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(records)
            try data.write(to: file, options: .atomic)
        } catch {
            guard !warned else { return }
            warned = true
            warning = "lesson progress is not saved: cannot write \(file.path) (\(error.localizedDescription))"
        }
    }
}
