import CafeModel

/// Reads a lesson from Markdown a teacher can edit and GitHub can render: a `# Title`, `<!-- summary: … -->` and
/// `<!-- minutes: 8 -->`, then `## Step` headings, each with narration and fenced `scenario`, `predict`, `check`
/// and `hint` blocks. A line-based reader, so every error names its exact `file:line`. The grammar is in
/// `Lessons/README.md`.
public enum LessonParser {
    public static func parse(_ text: String, name: String, file: String) throws(LessonFileError) -> Lesson {
        var reader = Reader(file: file)
        // "\r\n" is one Character in Swift: a file saved on Windows is split on it too.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        // Every error names its step as well as its line: the readers below know only the line.
        do throws(LessonFileError) {
            for (index, line) in lines.enumerated() { try reader.read(line, number: index + 1) }
            let lesson = try reader.finish(name: name, lastLine: lines.count)
            let runs = lesson.peers.flatMap { ComponentRule.peersRun[$0] } ?? []
            let stepRuns = zip(lesson.steps, lesson.scenes).map { step, scene in
                (line: step.line, runs: scene.syncProxy == .nginx ? Set(["nginx"]) : Set<String>())
            }
            if let error = ComponentRule.check(lines: lines, runs: runs, stepRuns: stepRuns, file: file) { throw error }
            return lesson
        } catch {
            throw error.placed(in: reader.steps)
        }
    }

    /// The block kinds a step understands.
    static let blockKinds: Set<String> = ["scenario", "predict", "check", "hint"]
    /// Code samples for the student, kept as they are in the narration; any other kind is a typo to report.
    static let sampleKinds: Set<String> = [
        "", "sh", "bash", "console", "shell", "text", "python", "py", "swift", "json", "ini", "toml", "yaml", "nginx",
        "http",
    ]

    private struct Reader {
        let file: String
        var title: String?
        var titleLine = 1
        var summary = ""
        var minutes = 5
        var peers: String?
        var steps: [Step] = []
        var narration: [String] = []
        var fence: (kind: String, line: Int, lines: [(String, Int)])?
        var verbatim = false
        /// Where the code sample being read began, to name it if it is never closed.
        var verbatimFence = (kind: "", line: 0)
        var inComment = false

        init(file: String) { self.file = file }

        func fail(_ line: Int, _ reason: LessonFileError.Reason) -> LessonFileError {
            LessonFileError(file: file, line: line, reason: reason)
        }

        mutating func read(_ line: String, number: Int) throws(LessonFileError) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inComment {
                // A comment over several lines is for the teacher: none of it is shown.
                if trimmed.contains("-->") { inComment = false }
                return
            }
            if var open = fence {
                // A heading or a new block's fence cannot be inside a block: the block was left open, and is
                // named where it began rather than where its lines stop making sense.
                if trimmed.hasPrefix("## ") || (trimmed.hasPrefix("```") && trimmed != "```") {
                    throw fail(open.line, .unclosedBlock(open.kind))
                }
                if trimmed == "```" {
                    fence = nil
                    try close(open)
                } else {
                    open.lines.append((line, number))
                    fence = open
                }
                return
            }
            if trimmed.hasPrefix("```") {
                let kind = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                if verbatim {
                    verbatim = false
                    narration.append(line)
                } else if LessonParser.blockKinds.contains(kind) {
                    guard !steps.isEmpty else { throw fail(number, .blockOutsideStep(kind)) }
                    fence = (kind, number, [])
                } else if !LessonParser.sampleKinds.contains(kind) {
                    throw fail(number, .unknownBlock(kind))
                } else {
                    // A code sample for the student (```sh …```): narration, verbatim.
                    verbatim = true
                    verbatimFence = (kind.isEmpty ? "code sample" : kind, number)
                    narration.append(line)
                }
                return
            }
            if verbatim {
                narration.append(line)
                return
            }
            if trimmed.first == "#" && trimmed.allSatisfy({ $0 == "#" }) {
                throw fail(number, .emptyHeading)
            }
            if trimmed.hasPrefix("## ") {
                flushNarration()
                guard title != nil else { throw fail(number, .noTitle) }
                steps.append(
                    Step(heading: String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces), line: number))
            } else if trimmed.hasPrefix("# ") {
                guard title == nil else { throw fail(number, .secondTitle) }
                title = String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                titleLine = number
            } else if trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->") {
                try comment(String(trimmed.dropFirst(4).dropLast(3)), number: number)
            } else if trimmed.hasPrefix("<!--") {
                inComment = true
            } else if !steps.isEmpty {
                narration.append(line)
            } else if title == nil && !trimmed.isEmpty {
                throw fail(number, .noTitle)
            }
        }

        mutating func comment(_ body: String, number: Int) throws(LessonFileError) {
            guard let colon = body.firstIndex(of: ":") else { return }  // a plain comment for the teacher
            let key = body[..<colon].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch (key, steps.isEmpty) {
            case ("summary", true): summary = value
            case ("minutes", true):
                guard let minutes = Int(value), minutes > 0 else {
                    throw fail(number, .badValue(key: "minutes", value: value, expected: "a whole number of minutes"))
                }
                self.minutes = minutes
            case ("peers", true):
                guard ComponentRule.peersRun[value] != nil else {
                    let known = ComponentRule.peersRun.keys.sorted().joined(separator: " or ")
                    throw fail(number, .badValue(key: "peers", value: value, expected: known))
                }
                peers = value
            case ("auto", false):
                guard let duration = DurationText.parse(value), duration > .zero else {
                    throw fail(number, .badValue(key: "auto", value: value, expected: "a duration such as 20s"))
                }
                steps[steps.count - 1].auto = duration
            default:
                // A note for the teacher ("Facts: …") is ignored; a setting mistyped ("atuo: 20s") is an error.
                if Self.looksLikeSetting(key) { throw fail(number, .unknownComment(key)) }
            }
        }

        /// A single word close to a known setting's name: a typo, not a note.
        static func looksLikeSetting(_ key: String) -> Bool {
            guard key.allSatisfy({ $0.isLetter || $0 == "-" }) else { return false }
            return ["summary", "minutes", "peers", "auto"].contains { distance(key.lowercased(), $0) <= 2 }
        }

        /// Edit distance, for the short words of settings.
        static func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            var previous = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var current = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    current[j] = min(
                        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                previous = current
            }
            return a.isEmpty ? b.count : previous[b.count]
        }

        mutating func flushNarration() {
            guard !steps.isEmpty else { return }
            let text = Self.paragraphs(narration)
            if !text.isEmpty {
                let before = steps[steps.count - 1].narration
                steps[steps.count - 1].narration = before.isEmpty ? text : before + "\n" + text
            }
            narration = []
        }

        /// Lines joined into paragraphs: a blank line ends one; code samples keep their lines.
        static func paragraphs(_ lines: [String]) -> String {
            var paragraphs: [String] = []
            var current: [String] = []
            var inCode = false
            for line in lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("```") {
                    inCode.toggle()
                    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                    current = []
                    continue
                }
                if inCode {
                    paragraphs.append("  " + line)
                } else if trimmed.isEmpty {
                    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    // Markdown's bold is for GitHub; on the terminal the words stand as they are.
                    current.append(trimmed.replacing("**", with: ""))
                }
            }
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            return paragraphs.joined(separator: "\n")
        }

        mutating func close(_ block: (kind: String, line: Int, lines: [(String, Int)])) throws(LessonFileError) {
            flushNarration()
            let index = steps.count - 1
            switch block.kind {
            case "scenario": steps[index].scene = try SceneReader.read(block.lines, file: file)
            case "check":
                for (text, number) in block.lines where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    steps[index].checks.append(try CheckReader.read(text, line: number, file: file))
                }
            case "predict":
                steps[index].prediction = try PredictionReader.read(block.lines, start: block.line, file: file)
            default:
                steps[index].hint = Self.paragraphs(block.lines.map(\.0))
            }
        }

        mutating func finish(name: String, lastLine: Int) throws(LessonFileError) -> Lesson {
            if let fence { throw fail(fence.line, .unclosedBlock(fence.kind)) }
            if verbatim { throw fail(verbatimFence.line, .unclosedBlock(verbatimFence.kind)) }
            flushNarration()
            guard let title else { throw fail(1, .noTitle) }
            guard !steps.isEmpty else { throw fail(lastLine, .noSteps) }
            var lesson = Lesson(
                name: name, title: title, summary: summary, minutes: minutes, steps: steps, file: file, peers: peers)
            lesson.titleLine = titleLine
            return try lesson.resolvingScenes()
        }
    }
}
