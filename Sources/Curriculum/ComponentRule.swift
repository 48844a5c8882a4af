/// The rule that keeps a lesson honest about what runs: a paragraph that names a real component (nginx, gunicorn,
/// uvicorn, Django) either belongs to a lesson that runs it (`<!-- peers: python -->`), or says in the same
/// paragraph that barista's café plays it ("barista's sync café plays gunicorn here: threads in one process, not
/// worker processes"), or that it is not running here. Otherwise the student reads about a server the screen does
/// not show. Headings, narration, questions, explanations and hints are read; code samples, settings and teacher's
/// comments are not (a sample shows a command to type, not what runs).
enum ComponentRule {
    /// The real components a lesson may name, as written in its words.
    static let components = ["nginx", "gunicorn", "uvicorn", "Django"]

    /// What each `<!-- peers: … -->` value runs, beside barista's own show.
    static let peersRun: [String: Set<String>] = [
        "python": ["gunicorn", "uvicorn"],
        "django": ["Django", "gunicorn", "uvicorn"],
    ]

    /// Words that, in the paragraph naming a component, say it is not what runs: barista's café plays it, or it is
    /// not running here.
    static let disclaimers = [
        "play", "plays", "played", "playing", "not running", "not run", "isn't running", "doesn't run",
    ]

    /// The first paragraph naming a component the lesson does not run, without saying a café plays it. `runs`: what
    /// the whole lesson runs (its peers); `stepRuns`: what a step runs besides, by the line its heading is on (nginx
    /// when its scene sets `sync: proxy=nginx`).
    static func check(
        lines: [String], runs: Set<String>, stepRuns: [(line: Int, runs: Set<String>)] = [], file: String
    ) -> LessonFileError? {
        for paragraph in paragraphs(lines) where !disclaims(paragraph.text) {
            let here = runs.union(stepRuns.last { $0.line <= paragraph.line }?.runs ?? [])
            if let component = components.first(where: { !here.contains($0) && names($0, in: paragraph.text) }) {
                // Named in the heading: the heading's line; else the line the words start on.
                let line = paragraph.heading.flatMap { names(component, in: $0.text) ? $0.line : nil } ?? paragraph.line
                return LessonFileError(file: file, line: line, reason: .componentNotRunning(component))
            }
        }
        return nil
    }

    /// Whether `text` names the component as a word (`gunicorn's` and `uvicorn_worker` count, `djangonaut` does not).
    static func names(_ component: String, in text: String) -> Bool {
        let lower = text.lowercased(), word = component.lowercased()
        var searchFrom = lower.startIndex
        while let range = lower.range(of: word, range: searchFrom..<lower.endIndex) {
            let before = range.lowerBound == lower.startIndex ? nil : lower[lower.index(before: range.lowerBound)]
            let after = range.upperBound == lower.endIndex ? nil : lower[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchFrom = range.upperBound
        }
        return false
    }

    /// Whether `text` has one of the `disclaimers` as whole words.
    private static func disclaims(_ text: String) -> Bool {
        let words = " " + String(text.lowercased().map { $0.isLetter || $0 == "'" ? $0 : " " }) + " "
        return disclaimers.contains { words.contains(" \($0) ") }
    }

    /// A paragraph of words the student reads, with the line it starts on.
    struct Paragraph {
        var text: String
        var line: Int
        /// The step's heading, when this is the paragraph right after it (read with it).
        var heading: (text: String, line: Int)?
    }

    /// The file's paragraphs a student reads: headings, narration and the words of `predict` and `hint` blocks,
    /// split at blank lines; everything before the first step, comments, samples and settings left out.
    static func paragraphs(_ lines: [String]) -> [Paragraph] {
        var result: [Paragraph] = []
        var current: Paragraph?
        var fence: String?
        var inComment = false
        var inStep = false
        // A heading is read with the paragraph after it: "## nginx in front" is a claim the words must answer.
        var heading: Paragraph?
        func flush() {
            if let paragraph = current { result.append(paragraph) }
            current = nil
        }
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inComment {
                if line.contains("-->") { inComment = false }
                continue
            }
            if let kind = fence {
                if line == "```" {
                    fence = nil
                    flush()
                    continue
                }
                guard kind == "predict" || kind == "hint" else { continue }
                let isSetting = ["measure:", "answer:", "choices:"].contains { line.hasPrefix($0) } || line == "---"
                if line.isEmpty || isSetting {
                    flush()
                    continue
                }
            } else if line.hasPrefix("```") {
                flush()
                fence = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                continue
            } else if line.hasPrefix("<!--") {
                flush()
                inComment = !line.contains("-->")
                continue
            } else if line.hasPrefix("#") {
                flush()
                if let pending = heading { result.append(pending) }
                inStep = inStep || line.hasPrefix("## ")
                heading = inStep ? Paragraph(text: line.drop { $0 == "#" } + ".", line: index + 1) : nil
                continue
            } else if line.isEmpty {
                flush()
                continue
            }
            guard inStep else { continue }
            if current == nil {
                current = Paragraph(
                    text: heading.map { $0.text + " " + line } ?? line, line: index + 1,
                    heading: heading.map { ($0.text, $0.line) })
                heading = nil
            } else {
                current?.text += " " + line
            }
        }
        flush()
        if let pending = heading { result.append(pending) }
        return result
    }
}
