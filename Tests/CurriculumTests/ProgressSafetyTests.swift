import CafeModel
import Foundation
import TestSupport
import Testing

@testable import Curriculum

/// The student's progress file is never lost nor clobbered: a broken file is kept aside, two lessons finishing at
/// once keep both records, a home that cannot be written says so once, two folders' lessons are two records.
@Suite("Lesson progress: nothing lost, nothing clobbered", .onOwnThreads)
struct ProgressSafetyTests {
    /// A progress file in a folder of the test's own.
    final class StateFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("barista-progress-\(UUID())")
        var file: URL { url.appendingPathComponent("barista/progress.json") }
        init() throws {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent("barista"), withIntermediateDirectories: true)
        }
        func contents() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("barista").path).sorted()
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    @Test(
        "a broken progress file is kept as progress.json.broken-<time>, warned about in one line, and fresh progress starts",
        arguments: ["{\"sync\": {\"finishedSteps\": [1, 2", "", "\u{0}\u{1}binary"])
    func brokenFileKept(text: String) throws {
        let state = try StateFolder()
        try Data(text.utf8).write(to: state.file)
        let moment = Date(timeIntervalSince1970: 1_780_000_000)
        let progress = LessonProgress(file: state.file, now: { moment })
        let warnings = progress.takeWarnings()
        #expect(warnings.count == 1 && !warnings[0].contains("\n"), "\(warnings)")
        let aside = "progress.json.broken-" + LessonProgress.stamp(moment)
        #expect(warnings.first?.contains(aside) == true, "\(warnings)")
        #expect(try state.contents().contains(aside))
        #expect(
            try Data(contentsOf: state.url.appendingPathComponent("barista/" + aside)) == Data(text.utf8),
            "the broken file is kept byte for byte")
        #expect(!progress.record(for: "sync").isFinished)
        progress.update("async") {
            $0.stepCount = 1; $0.finishedSteps = [1]
        }
        #expect(LessonProgress(file: state.file).record(for: "async").isFinished, "fresh progress is saved")
        #expect(try state.contents().contains(aside), "and the broken file is still there")
        #expect(progress.takeWarnings().isEmpty, "one warning, not one per save")
    }

    /// A one-step lesson with nothing to check: played by its script, it finishes at the first frames.
    static func lesson(_ name: String) throws -> Lesson {
        try LessonParser.parse("# \(name)\n## The only step\nWatch.\n", name: name, file: "\(name).md")
    }

    @Test("two lessons finishing at once both keep their records (the file is locked and merged)")
    func twoAtOnce() async throws {
        let state = try StateFolder()
        let file = state.file
        let names = ["sync", "async"]
        let lessons = try names.map(Self.lesson)
        for round in 1...5 {
            // Each plays with its own progress object, as two barista processes do; they start together.
            let start = DispatchSemaphore(value: 0)
            await withTaskGroup(of: Void.self) { group in
                for lesson in lessons {
                    group.addTask {
                        await withCheckedContinuation { done in
                            Thread {
                                let progress = LessonProgress(file: file)
                                start.wait()
                                let driver = LessonDriver(
                                    inner: DemoLoopTests.Stage(), lesson: lesson, progress: progress,
                                    autoPlay: AutoPlay(
                                        speed: 1, loop: false, defaultStepTime: .zero, dwell: .zero,
                                        questionBeat: .zero))
                                for _ in 0..<20 {
                                    progress.update("\(lesson.name)-\(round)-\(UUID())") { $0.stepCount = 1 }
                                }
                                _ = HeadlessLesson(driver: driver, text: false).play(frameInterval: .milliseconds(1))
                                done.resume()
                            }.start()
                        }
                    }
                }
                start.signal()
                start.signal()
            }
            let saved = LessonProgress(file: file)
            for name in names {
                #expect(saved.record(for: name).isFinished, "round \(round): \(name)'s record was lost")
            }
            let data = try Data(contentsOf: file)
            let keys = try JSONDecoder().decode([String: LessonProgress.Record].self, from: data).keys
            #expect(keys.count == 2 + 2 * 20 * round, "round \(round): every update kept")
        }
    }

    @Test("a rehearsal's driver without progress writes nothing")
    func rehearsalWritesNothing() throws {
        let state = try StateFolder()
        let driver = LessonDriver(
            inner: DemoLoopTests.Stage(), lesson: try Self.lesson("sync"),
            autoPlay: AutoPlay(speed: 1, loop: false, defaultStepTime: .zero, dwell: .zero, questionBeat: .zero))
        _ = HeadlessLesson(driver: driver, text: false).play(frameInterval: .milliseconds(1))
        #expect(driver.scriptEnded)
        #expect(try state.contents().isEmpty)
    }

    @Test(
        "progress that cannot be saved warns in one line, once, whether a lesson is played or only listed",
        arguments: ["/proc/nonexistent", "folder in place of the file", "read-only home"])
    func unsaveable(place: String) throws {
        let state = try StateFolder()
        var file = URL(fileURLWithPath: place + "/barista/progress.json")
        if place == "folder in place of the file" {
            file = state.file
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
        } else if place == "read-only home" {
            file = state.url.appendingPathComponent("home/.local/state/barista/progress.json")
            try FileManager.default.createDirectory(
                at: state.url.appendingPathComponent("home"), withIntermediateDirectories: true)
            chmod(state.url.appendingPathComponent("home").path, 0o555)
            defer { chmod(state.url.appendingPathComponent("home").path, 0o755) }
            // root writes anyway
            guard access(state.url.appendingPathComponent("home").path, W_OK) != 0 else { return }
            try checkWarnsOnce(file)
            return
        }
        try checkWarnsOnce(file)
    }

    private func checkWarnsOnce(_ file: URL) throws {
        let listing = LessonProgress(file: file)
        listing.checkSaveable()
        let listed = listing.takeWarnings()
        #expect(listed.count == 1 && listed[0].contains(file.path), "\(listed)")

        let playing = LessonProgress(file: file)
        _ = playing.takeWarnings()
        playing.update("sync") { $0.stepCount = 3 }
        playing.update("sync") { $0.finishedSteps.insert(1) }
        playing.update("async") { $0.stepCount = 2 }
        let warned = playing.takeWarnings()
        #expect(warned.count <= 1 && (warned.count == 1 || playing.warning != nil), "\(warned)")
        #expect(playing.warning?.contains(file.path) == true)
        #expect(playing.record(for: "sync").stepCount == 3, "kept in memory all the same")
    }

    @Test("two folders' lessons of the same name keep two records")
    func keyedByFolder() throws {
        let state = try StateFolder()
        let first = state.url.appendingPathComponent("course-a"), second = state.url.appendingPathComponent("course-b")
        for folder in [first, second] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "# Sync\n## One\nWatch.\n## Two\nWatch.\n".write(
                to: folder.appendingPathComponent("sync.md"), atomically: true, encoding: .utf8)
        }
        let a = try LessonLibrary(directory: first).lesson(named: "sync")
        let b = try LessonLibrary(directory: second).lesson(named: "sync")
        #expect(LessonProgress.key(for: a) != LessonProgress.key(for: b))
        let progress = LessonProgress(file: state.file)
        let driver = LessonDriver(
            inner: DemoLoopTests.Stage(), lesson: a, progress: progress,
            autoPlay: AutoPlay(speed: 1, loop: false, defaultStepTime: .zero, dwell: .zero, questionBeat: .zero))
        _ = HeadlessLesson(driver: driver, text: false).play(frameInterval: .milliseconds(1))
        let saved = LessonProgress(file: state.file)
        #expect(saved.record(for: LessonProgress.key(folder: first, name: "sync")).isFinished)
        #expect(
            !saved.record(for: LessonProgress.key(folder: second, name: "sync")).isFinished,
            "course-b's sync was never played")
    }
}
