import Foundation
import TestSupport
import Testing

@testable import Curriculum

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether text parses as XML, and the elements it holds (name and attributes), in order.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var text = ""

    static func parse(_ xml: String) -> XMLCheck? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        elements.append((elementName, attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite("The take-home report", .onOwnThreads)
struct DemoReportTests {
    static func figures(served: Double, queued: Int) -> StepRecord.CafeFigures {
        .init(
            servedPerSecond: served, queued: queued, p50Ms: 612, p99Ms: 1900, blocked: 4, awaiting: 0, loopLagMs: nil,
            walkedOut: 3, served: 1204)
    }

    static func steps() -> [StepRecord] {
        let samples = (0...8).map { second in
            StepRecord.Sample(
                seconds: Double(second), sync: figures(served: min(Double(second) * 10, 40), queued: second * 20),
                async: figures(served: min(Double(second) * 15, 60), queued: 0))
        }
        return [
            StepRecord(
                number: 1, heading: "Four baristas <who> wait & \"see\"",
                narration:
                    "\nTwenty customers a second walk in; 4 < 20 & \"so\" on.\nStill the first paragraph.\n\nThe second paragraph.",
                samples: samples, syncCapacity: 40, asyncCapacity: nil, offeredPerSecond: 60,
                checks: [
                    .init(text: "sync.served_per_s >= 18 within 8s", passed: true, seen: "saw 40.0/s"),
                    .init(text: "async.queued < 5", passed: false, seen: "saw <7>"),
                ],
                prediction: .init(
                    question: "How many cups per second?", answer: "30", expected: "40", measured: "39.6"),
                end: .init(sync: figures(served: 40, queued: 160), async: figures(served: 60, queued: 0))),
            StepRecord(
                number: 2, heading: "No samples", narration: "", samples: [], syncCapacity: 40, asyncCapacity: 10,
                offeredPerSecond: 20,
                end: .init(sync: figures(served: 0, queued: 0), async: figures(served: 0, queued: 0))),
        ]
    }

    @Test("each step's chart parses as XML and holds both cafés' queued and served/s and the theory lines")
    func chartsParse() throws {
        for step in Self.steps() {
            let svg = DemoReport.chart(for: step)
            let xml = try #require(XMLCheck.parse(svg), "step \(step.number)'s chart is not XML")
            let series = xml.elements.compactMap { $0.attributes["data-series"] }
            #expect(series == ["sync-served-per-s", "async-served-per-s", "sync-queued", "async-queued"])
            let theory = Set(xml.elements.compactMap { $0.attributes["data-theory"] })
            #expect(theory.contains("sync-capacity"))
            #expect(theory.contains("offered"))
            #expect(xml.elements.first?.name == "svg")
            #expect(!svg.contains("<script") && !svg.contains("href"))
        }
        let first = try #require(XMLCheck.parse(DemoReport.chart(for: Self.steps()[0])))
        #expect(first.text.contains("Four baristas <who> wait & \"see\""))
        #expect(first.text.contains("sync capacity 40/s"))
        #expect(first.text.contains("async capacity: no limit"))
        #expect(
            first.elements.contains {
                $0.attributes["data-series"] == "sync-queued" && $0.attributes["d"]?.hasPrefix("M60,") == true
            })
    }

    @Test("the Markdown has each step's heading, first paragraph, chart link, prediction and checks, then the summary")
    func markdown() {
        let steps = Self.steps()
        let md = DemoReport.markdown(title: "Sync & async <demo>", steps: steps)
        #expect(md.hasPrefix("# Sync &amp; async &lt;demo&gt;\n"))
        #expect(md.contains("## Step 1: Four baristas &lt;who&gt; wait &amp; &quot;see&quot;\n"))
        #expect(
            md.contains(
                "Twenty customers a second walk in; 4 &lt; 20 &amp; &quot;so&quot; on.\nStill the first paragraph.\n"))
        #expect(!md.contains("The second paragraph"))
        #expect(md.contains("](step-1.svg)"))
        #expect(md.contains("](step-2.svg)"))
        #expect(md.contains("- answered: 30\n- measured: 39.6\n- theory: 40"))
        #expect(md.contains("- ✓ `sync.served_per_s >= 18 within 8s` — saw 40.0/s"))
        #expect(md.contains("- ✗ `async.queued < 5` — saw &lt;7&gt;"))
        #expect(
            md.contains(
                "| 1. Four baristas &lt;who&gt; wait &amp; &quot;see&quot; | 40.0 · 60.0 | 160 · 0 | 612 ms · 612 ms | 1.9 s · 1.9 s | 4 / 0 · 4 / 0 | — · — | 3 · 3 |"
            ))
        #expect(!md.contains("<who>"))
    }

    @Test("a step played twice gets a second chart file, not an overwritten one")
    func repeatedStep() {
        var steps = Self.steps()
        steps.append(steps[0])
        #expect(DemoReport.chartFileNames(for: steps) == ["step-1.svg", "step-2.svg", "step-1-2.svg"])
    }

    @Test("writing makes the folder with report.md and every chart it links, and nothing else")
    func writes() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/report"
        let report = try DemoReport.prepare(at: path)
        #expect(try folder.contents() == [])
        try report.write(title: "Demo", steps: Self.steps())
        #expect(try folder.contents() == ["report"])
        let files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        #expect(files == ["report.md", "step-1.svg", "step-2.svg"])
        let md = try String(contentsOfFile: path + "/report.md", encoding: .utf8)
        for svg in files where svg.hasSuffix(".svg") {
            #expect(md.contains("](\(svg))"))
            #expect(XMLCheck.parse(try String(contentsOfFile: path + "/" + svg, encoding: .utf8)) != nil)
        }
    }

    @Test("an empty existing folder is filled; one with files is refused and left as it was")
    func existingFolder() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try DemoReport.prepare(at: folder.path).write(title: "Demo", steps: Self.steps())
        #expect(try folder.contents() == ["report.md", "step-1.svg", "step-2.svg"])
        let before = try String(contentsOfFile: folder.path + "/report.md", encoding: .utf8)
        #expect(throws: DemoOutputError.notEmpty(path: folder.path)) { try DemoReport.prepare(at: folder.path) }
        let prepared = DemoReport(directory: folder.path)
        #expect(throws: DemoOutputError.notEmpty(path: folder.path)) {
            try prepared.write(title: "Other", steps: [])
        }
        #expect(try String(contentsOfFile: folder.path + "/report.md", encoding: .utf8) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path + "/..").filter {
                $0.contains(URL(fileURLWithPath: folder.path).lastPathComponent + ".")
            } == [])
    }

    @Test("an unwritable place is reported by prepare, before anything runs")
    func unwritable() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let missing = folder.path + "/no/such/report"
        #expect {
            _ = try DemoReport.prepare(at: missing)
        } throws: { error in
            guard case .unwritable(let path, _)? = error as? DemoOutputError else { return false }
            return path == missing && !"\(error)".contains("\n")
        }
        #expect(FileManager.default.createFile(atPath: folder.path + "/file", contents: Data()))
        #expect(throws: DemoOutputError.unwritable(path: folder.path + "/file", reason: "it is a file")) {
            _ = try DemoReport.prepare(at: folder.path + "/file")
        }
        #expect(try folder.contents() == ["file"])
    }

    @Test("a write that fails at the last moment leaves nothing behind")
    func failure() throws {
        struct DiskFull: Error {}
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let report = try DemoReport.prepare(at: folder.path + "/report")
        #expect(throws: DemoOutputError.self) {
            try report.write(title: "Demo", steps: Self.steps(), beforeRename: { throw DiskFull() })
        }
        #expect(try folder.contents() == [])
    }
}

@Suite("The headless summary", .onOwnThreads)
struct HeadlessSummaryTests {
    @Test("a row a step, both cafés side by side, with the step's checks")
    func sideBySide() {
        let lines = HeadlessLesson.summary(DemoReportTests.steps()).split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "a title, a header and a row per step: \(lines)")
        #expect(lines[1].contains("offered/s") && lines[1].contains("sync/s") && lines[1].contains("async/s"))
        let first = lines[2].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // "1. Four baristas <who> wait & "see"  60  40.0  160  612ms  60.0  0  612ms  1/2 ✗"
        #expect(
            Array(first.suffix(9)) == ["60", "40.0", "160", "612ms", "60.0", "0", "612ms", "1/2", "✗"], "\(lines[2])")
        #expect(lines[3].hasPrefix("  2. No samples") && lines[3].hasSuffix("-"), "no checks: \(lines[3])")
    }
}
