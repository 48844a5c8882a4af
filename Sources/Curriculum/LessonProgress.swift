import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a student has done, kept between runs under the XDG state folder (`$XDG_STATE_HOME/barista/`, by
/// default `~/.local/state/barista/progress.json`): the steps finished and the answers given, per lesson, keyed by
/// the lesson's folder and name (two folders' `sync` lessons are two records).
///
/// Nothing is lost: every change is made under a lock (`flock` on `progress.json.lock` beside the file) to what
/// is on disk at that moment, so two lessons finishing at once both keep their records; a file that cannot be read
/// as progress is kept as `progress.json.broken-<time>`, never overwritten. A home that cannot be written never
/// stops a lesson: each problem gives one warning line (`warnings` to print, `warning` for the screen).
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
    private var records: [String: Record] = [:]
    /// The last problem, for the screen's notice line.
    public private(set) var warning: String?
    /// Problems not yet printed, each one whole line (`takeWarnings()`).
    private var pending: [String] = []
    /// After a failed save the next ones fail quietly: one warning, not one per answer.
    private var saveFailed = false
    /// The file exists but could not be read: writing would clobber it, so nothing is written.
    private var unreadable = false
    private let now: () -> Date

    /// The progress file for this environment: `$XDG_STATE_HOME/barista/progress.json`, else under `$HOME`.
    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state).appendingPathComponent("barista/progress.json")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/barista/progress.json")
    }

    /// The record's key: the lesson's folder (symlinks resolved) and its name.
    public static func key(folder: URL, name: String) -> String {
        folder.resolvingSymlinksInPath().standardizedFileURL.path + "/" + name
    }

    /// The key of a lesson read from a folder; a lesson made in memory is known by its name.
    public static func key(for lesson: Lesson) -> String {
        lesson.folder.map { key(folder: URL(fileURLWithPath: $0), name: lesson.name) } ?? lesson.name
    }

    /// Reads the file (a broken one is set aside). `now` names the broken file's copy.
    public init(file: URL?, now: @escaping () -> Date = Date.init) {
        self.file = file
        self.now = now
        guard let file else { return }
        do {
            records = try read(file)
        } catch {
            unreadable = true
            warn("cannot read the lesson progress in \(file.path) (\(error)); nothing will be saved this time")
        }
    }

    public func record(for key: String) -> Record { records[key] ?? Record() }

    /// Changes one lesson's record, in memory and on disk: under the lock, the change is applied to the file's
    /// record as it is now, so another barista's records (and its changes to this one) are kept.
    public func update(_ key: String, _ change: (inout Record) -> Void) {
        var record = records[key] ?? Record()
        change(&record)
        records[key] = record
        save { disk in
            var merged = disk[key] ?? Record()
            change(&merged)
            disk[key] = merged
        }
    }

    /// Forgets everything (`--reset-progress`).
    public func reset() {
        records = [:]
        save { $0 = [:] }
    }

    /// Whether progress could be saved here (the folder made, the lock opened), warning once when not: for the
    /// commands that only read it (`barista lessons`).
    public func checkSaveable() {
        guard let file, !unreadable else { return }
        do {
            let lock = try openLock(for: file)
            close(lock)
        } catch {
            warnNotSaved(file, error)
        }
    }

    /// The warning lines not yet printed, each whole; taken once.
    public func takeWarnings() -> [String] {
        defer { pending = [] }
        return pending
    }

    private func save(_ change: (inout [String: Record]) -> Void) {
        guard let file, !unreadable, !saveFailed else { return }
        do {
            let lock = try openLock(for: file)
            defer { close(lock) }  // closing releases the lock
            while flock(lock, LOCK_EX) != 0 {
                guard errno == EINTR else { throw ProgressFileError.posix("cannot lock", errno) }
            }
            var disk = try read(file)
            change(&disk)
            try write(disk, to: file)
            records = disk
        } catch {
            warnNotSaved(file, error)
        }
    }

    private func warnNotSaved(_ file: URL, _ error: any Error) {
        saveFailed = true
        warn("lesson progress is not saved: \(file.path): \(error)")
    }

    private func warn(_ line: String) {
        warning = line
        pending.append(line)
    }

    /// The records on disk: none when there is no file; a file that is not progress is renamed aside (with a
    /// warning) and counts as none; a file that cannot be read at all throws.
    private func read(_ file: URL) throws -> [String: Record] {
        guard let data = try FileBytes.read(file.path) else { return [:] }
        do {
            return try JSONDecoder().decode([String: Record].self, from: data)
        } catch {
            let aside = file.path + ".broken-" + Self.stamp(now())
            guard rename(file.path, aside) == 0 else {
                throw ProgressFileError.posix("is not lesson progress and cannot be set aside", errno)
            }
            let why = data.isEmpty ? "it is empty" : "it is not valid progress JSON"
            warn(
                "the lesson progress in \(file.path) could not be read (\(why)); kept as "
                    + "\(URL(fileURLWithPath: aside).lastPathComponent), starting afresh")
            return [:]
        }
    }

    /// Written beside the file, then renamed over it (only a regular file, or nothing, is there).
    private func write(_ records: [String: Record], to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(records)
        let temporary = file.path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ProgressFileError.posix("cannot write", errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, file.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw ProgressFileError.posix("cannot write", failure)
        }
    }

    /// The lock file beside the progress file, its folder made first.
    private func openLock(for file: URL) throws -> Int32 {
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ProgressFileError.cannotMakeFolder(folder.path)
        }
        let lock = open(file.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw ProgressFileError.posix("cannot open its lock file", errno) }
        return lock
    }

    /// `20261205T090647Z`: sorts by time, safe in a file name.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

/// Why the progress file could not be read or written, in the system's words.
enum ProgressFileError: Error, CustomStringConvertible {
    case posix(String, Int32)
    case cannotMakeFolder(String)

    var description: String {
        switch self {
        case .posix(let what, let code): "\(what) (\(String(cString: strerror(code))))"
        case .cannotMakeFolder(let folder): "cannot make the folder \(folder)"
        }
    }
}

/// write(2), outside the type so its own `write` does not hide the system's.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
