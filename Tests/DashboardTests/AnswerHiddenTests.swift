import CafeModel
import Curriculum
import Foundation
import TestSupport
import Testing

@testable import Dashboard

/// Predict, then see: for every step of every shipped lesson, while its question waits, the screen gives nothing
/// of the answer away: not the theory's figure, not the checks (whose bounds are the answer), not the explanation.
@Suite("While a question waits, the answer is not on screen", .onOwnThreads)
struct AnswerHiddenTests {
    static let library = LessonLibrary(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons"))

    /// The screen of step `index` as it stands while its question waits: the step's scene with the door closed,
    /// and, at worst, the offered rate already known to the theory.
    static func asking(_ lesson: Lesson, step index: Int, width: Int, height: Int) -> [String] {
        var player = LessonPlayer(lesson: lesson, startStep: index)
        var frame = ShowFrame()
        for case .perform(.setScenario(let scene)) in player.start(at: .zero) { frame.scenario = scene }
        frame.offeredRate = lesson.scenes[index].ratePerSecond
        frame.lesson = player.panel(at: .zero)
        return screen(frame, width: width, height: height)
    }

    /// The step's live frame without the lesson panel: what the show would advise.
    static func frame(_ lesson: Lesson, step index: Int) -> ShowFrame {
        ShowFrame(scenario: lesson.scenes[index], offeredRate: lesson.scenes[index].ratePerSecond)
    }

    /// The numbers written on `text`, as the student reads them ("40", "3.5", "1,204" as "1204").
    static func numbers(in text: String) -> Set<String> {
        let cleaned = text.replacing(",", with: "")
        return Set(cleaned.split { !($0.isNumber || $0 == ".") }.map { String($0).trimmingCharacters(in: ["."]) })
    }

    @Test("no theory figure, check or explanation on screen before Enter", arguments: library.names)
    func hidden(name: String) throws {
        let lesson = try Self.library.lesson(named: name)
        for (index, step) in lesson.steps.enumerated() {
            guard let prediction = step.prediction else { continue }
            for (width, height) in [(80, 24), (120, 40), (200, 60)] {
                let lines = Self.asking(lesson, step: index, width: width, height: height)
                let text = lines.joined(separator: "\n")
                let at = "\(name) step \(index + 1) at \(width)×\(height):\n\(text)"
                #expect(text.contains("your answer:"), "the question waits: \(at)")
                for check in step.checks {
                    #expect(!text.contains(check.text), "the check '\(check.text)' is shown: \(at)")
                }
                // The two capacity rows: " theory  sync …" and the async row under it.
                let first = try #require(lines.firstIndex { $0.hasPrefix(" theory") }, "a theory row: \(at)")
                let theory = Array(lines[first...(first + 1)])
                #expect(theory.allSatisfy { !$0.contains("÷") && !$0.contains("cups/s") }, "the theory's figure: \(at)")
                #expect(text.contains("hidden"), "the theory says it waits for the answer: \(at)")
                if !prediction.explanation.isEmpty {
                    #expect(!text.contains(String(prediction.explanation.prefix(40))), "the explanation: \(at)")
                }
                // What to watch (the show's own advice) is not drawn in a lesson: it would name the figures.
                // (A lesson may say the same words itself: its narration is not the show's advice.)
                let watch = String(WhatToWatch(frame: Self.frame(lesson, step: index), cores: 2).text.prefix(40))
                #expect(step.narration.contains(watch) || !text.contains(watch), "what to watch: \(at)")
                // The lesson's number appears only where the student is given it: the scene's own figures.
                if let answer = prediction.numericAnswer {
                    let answerText = answer == answer.rounded() ? String(Int(answer)) : String(answer)
                    let theoryNumbers = Self.numbers(in: theory.joined(separator: " "))
                    #expect(!theoryNumbers.contains(answerText), "the answer \(answerText) in the theory rows: \(at)")
                    let scene = lesson.scenes[index]
                    let given = [scene.ratePerSecond, Double(scene.brewMilliseconds)]
                    let words = Self.numbers(in: step.narration + " " + prediction.question)
                    #expect(
                        given.contains(answer) || !words.contains(answerText),
                        "\(name) step \(index + 1): the words give the answer \(answerText) away")
                }
            }
        }
    }

    @Test("the panel says how many checks wait, without their text; after Enter they are shown")
    func checksAfterEnter() throws {
        let lesson = try Self.library.lesson(named: "async")
        let index = try #require(lesson.steps.firstIndex { $0.prediction != nil && !$0.checks.isEmpty })
        let step = lesson.steps[index]
        let before = Self.asking(lesson, step: index, width: 200, height: 60).joined(separator: "\n")
        #expect(before.contains("\(step.checks.count) checks, shown once you answer"))
        var player = LessonPlayer(lesson: lesson, startStep: index)
        var frame = ShowFrame()
        for case .perform(.setScenario(let scene)) in player.start(at: .zero) { frame.scenario = scene }
        _ = player.answer(step.prediction!.answer, at: .zero)
        frame.lesson = player.panel(at: .zero)
        let after = screen(frame, width: 200, height: 60).joined(separator: "\n")
        #expect(after.contains(step.checks[0].text))
        #expect(after.contains("÷"), "the theory is back once the answer is in")
    }
}
