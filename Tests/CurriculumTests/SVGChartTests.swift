import Foundation
import TestSupport
import Testing

@testable import Curriculum

@Suite("SVG line charts", .onOwnThreads)
struct SVGChartTests {
    @Test("ticks are round, start at 0 and reach the largest value")
    func ticks() {
        #expect(SVGChart.ticks(upTo: 40) == [0, 10, 20, 30, 40])
        #expect(SVGChart.ticks(upTo: 61) == [0, 20, 40, 60, 80])
        #expect(SVGChart.ticks(upTo: 0) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(SVGChart.ticks(upTo: .nan).last == 1)
        #expect(SVGChart.ticks(upTo: 7).last == 8)
    }

    @Test("text and attributes are escaped; the document is XML with the series, theory line and legend")
    func document() throws {
        let chart = SVGChart(
            title: "a <b> & \"c\" 'd'", yLabel: "served/s",
            series: [
                .init(
                    id: "sync-served-per-s", label: "sync <1>", points: [.init(x: 0, y: 0), .init(x: 10, y: 40)],
                    color: "#d95f02"),
                .init(
                    id: "async-served-per-s", label: "async", points: [.init(x: 5, y: .nan), .init(x: 5, y: 20)],
                    color: "#1b9e77", dash: "8 4"),
            ],
            theoryLines: [.init(id: "sync-capacity", label: "capacity 40/s", value: 40, color: "#d95f02")])
        let svg = chart.svg
        #expect(svg.contains("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"))
        let xml = try #require(XMLCheck.parse(svg))
        #expect(xml.elements.first?.attributes["width"] == "720")
        #expect(xml.elements.first?.attributes["height"] == "320")
        #expect(xml.text.contains("sync <1>"))
        #expect(xml.text.contains("capacity 40/s"))
        let theory = try #require(xml.elements.first { $0.attributes["data-theory"] == "sync-capacity" })
        #expect(theory.attributes["stroke-dasharray"] != nil)
        #expect(theory.attributes["y1"] == "30")  // 40 is the axis' top
        let async = try #require(xml.elements.first { $0.attributes["data-series"] == "async-served-per-s" })
        #expect(async.attributes["d"]?.contains("NaN") == false)
        #expect(xml.elements.contains { $0.name == "circle" })  // one finite point is drawn as a dot
        #expect(SVGChart.escape("x\u{1B}y") == "x y")
    }
}
