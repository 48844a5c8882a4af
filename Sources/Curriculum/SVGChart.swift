import Foundation

/// A line chart drawn as SVG text, by hand: time in seconds along x, two or more series along y, with axes, ticks,
/// a title, a legend and dashed horizontal "theory" lines (a capacity, labelled). What the take-home report draws
/// one of per figure; no package, no scripts, no external fonts (the generic `sans-serif`), a fixed size.
///
/// Each series' path carries `data-series="ID"` and each theory line `data-theory="ID"`, so tests (and curious
/// students) can find them in the file.
public struct SVGChart: Sendable {
    /// One line: its points in order of time, how it looks and what the legend calls it.
    public struct Series: Sendable {
        public var id: String
        public var label: String
        public var points: [Point]
        /// An SVG colour, e.g. "#d95f02".
        public var color: String
        /// An SVG `stroke-dasharray` ("8 4"); nil for a solid line.
        public var dash: String?

        public init(id: String, label: String, points: [Point], color: String, dash: String? = nil) {
            self.id = id
            self.label = label
            self.points = points
            self.color = color
            self.dash = dash
        }
    }

    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A horizontal line at what the theory says, e.g. the sync café's capacity of 40 cups/s.
    public struct TheoryLine: Sendable {
        public var id: String
        public var label: String
        public var value: Double
        public var color: String

        public init(id: String, label: String, value: Double, color: String) {
            self.id = id
            self.label = label
            self.value = value
            self.color = color
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var theoryLines: [TheoryLine]
    /// Extra legend lines (e.g. "async capacity: no limit").
    public var notes: [String]
    public var width: Int
    public var height: Int

    public init(
        title: String, xLabel: String = "seconds", yLabel: String, series: [Series], theoryLines: [TheoryLine] = [],
        notes: [String] = [], width: Int = 720, height: Int = 320
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.theoryLines = theoryLines
        self.notes = notes
        self.width = width
        self.height = height
    }

    /// The chart alone as an SVG document.
    public var svg: String { Self.document(stacking: [self], title: title) }

    /// Charts one above the other in one SVG document, as wide as the widest.
    public static func document(stacking charts: [SVGChart], title: String) -> String {
        let width = charts.map(\.width).max() ?? 0
        let height = charts.map(\.height).reduce(0, +)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>

            """
        var top = 0
        for chart in charts {
            svg += chart.group(top: top)
            top += chart.height
        }
        return svg + "</svg>\n"
    }

    // The plot area inside the chart: room on the left for y ticks, on the right for the legend.
    static let marginLeft = 60.0, marginRight = 190.0, marginTop = 30.0, marginBottom = 42.0

    /// The chart as an SVG group drawn `top` pixels down.
    func group(top: Int) -> String {
        let left = Self.marginLeft
        let right = Double(width) - Self.marginRight
        let plotTop = Self.marginTop
        let bottom = Double(height) - Self.marginBottom
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xTicks = Self.ticks(upTo: finite.map(\.x).max() ?? 0)
        let yTicks = Self.ticks(
            upTo: max(finite.map(\.y).max() ?? 0, theoryLines.map(\.value).filter(\.isFinite).max() ?? 0))
        let xMax = xTicks.last ?? 1, yMax = yTicks.last ?? 1
        func px(_ x: Double) -> Double { left + (right - left) * x / xMax }
        func py(_ y: Double) -> Double { bottom - (bottom - plotTop) * y / yMax }

        var svg = "<g transform=\"translate(0,\(top))\">\n"
        svg += "<text x=\"\(left)\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        // Grid and ticks.
        for tick in yTicks {
            let y = Self.number(py(tick))
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(right)\" y2=\"\(y)\" stroke=\"#e6e6e6\"/>\n"
            svg +=
                "<text x=\"\(left - 6)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
                + "\(Self.tickLabel(tick))</text>\n"
        }
        for tick in xTicks {
            let x = Self.number(px(tick))
            svg += "<line x1=\"\(x)\" y1=\"\(bottom)\" x2=\"\(x)\" y2=\"\(bottom + 4)\" stroke=\"#333333\"/>\n"
            svg += "<text x=\"\(x)\" y=\"\(bottom + 16)\" text-anchor=\"middle\">\(Self.tickLabel(tick))</text>\n"
        }
        // Axes.
        svg += "<line x1=\"\(left)\" y1=\"\(plotTop)\" x2=\"\(left)\" y2=\"\(bottom)\" stroke=\"#333333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" stroke=\"#333333\"/>\n"
        svg +=
            "<text x=\"\(Self.number((left + right) / 2))\" y=\"\(bottom + 34)\" text-anchor=\"middle\">"
            + "\(Self.escape(xLabel))</text>\n"
        let middle = Self.number((plotTop + bottom) / 2)
        svg +=
            "<text x=\"16\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(middle))\">"
            + "\(Self.escape(yLabel))</text>\n"
        // Theory lines under the series, labelled at their right end.
        for line in theoryLines where line.value.isFinite {
            let y = Self.number(py(line.value))
            svg +=
                "<line data-theory=\"\(Self.escape(line.id))\" x1=\"\(left)\" y1=\"\(y)\" x2=\"\(right)\" y2=\"\(y)\" "
                + "stroke=\"\(Self.escape(line.color))\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n"
            svg +=
                "<text x=\"\(right - 4)\" y=\"\(Self.number(py(line.value) - 4))\" text-anchor=\"end\" "
                + "fill=\"\(Self.escape(line.color))\" font-size=\"11\">\(Self.escape(line.label))</text>\n"
        }
        // Series.
        for line in series {
            let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }
            let d = points.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(Self.number(px(point.x))),\(Self.number(py(point.y)))"
            }.joined(separator: " ")
            svg +=
                "<path data-series=\"\(Self.escape(line.id))\" d=\"\(d)\" fill=\"none\" "
                + "stroke=\"\(Self.escape(line.color))\" stroke-width=\"2.2\""
                + (line.dash.map { " stroke-dasharray=\"\(Self.escape($0))\"" } ?? "") + "/>\n"
            if points.count == 1, let point = points.first {  // a path of one point draws nothing
                svg +=
                    "<circle cx=\"\(Self.number(px(point.x)))\" cy=\"\(Self.number(py(point.y)))\" r=\"3\" "
                    + "fill=\"\(Self.escape(line.color))\"/>\n"
            }
        }
        if finite.isEmpty {
            svg +=
                "<text x=\"\(Self.number((left + right) / 2))\" y=\"\(middle)\" text-anchor=\"middle\" "
                + "fill=\"#777777\">no samples</text>\n"
        }
        // Legend.
        let legendX = right + 16
        var legendY = plotTop + 6
        for line in series {
            svg +=
                "<line x1=\"\(legendX)\" y1=\"\(legendY)\" x2=\"\(legendX + 26)\" y2=\"\(legendY)\" "
                + "stroke=\"\(Self.escape(line.color))\" stroke-width=\"2.2\""
                + (line.dash.map { " stroke-dasharray=\"\(Self.escape($0))\"" } ?? "") + "/>\n"
            svg +=
                "<text x=\"\(legendX + 32)\" y=\"\(legendY)\" dominant-baseline=\"middle\">"
                + "\(Self.escape(line.label))</text>\n"
            legendY += 18
        }
        for line in theoryLines where line.value.isFinite {
            svg +=
                "<line x1=\"\(legendX)\" y1=\"\(legendY)\" x2=\"\(legendX + 26)\" y2=\"\(legendY)\" "
                + "stroke=\"\(Self.escape(line.color))\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n"
            svg +=
                "<text x=\"\(legendX + 32)\" y=\"\(legendY)\" dominant-baseline=\"middle\">"
                + "\(Self.escape(line.label))</text>\n"
            legendY += 18
        }
        for note in notes {
            svg +=
                "<text x=\"\(legendX)\" y=\"\(legendY)\" dominant-baseline=\"middle\" fill=\"#555555\">"
                + "\(Self.escape(note))</text>\n"
            legendY += 18
        }
        return svg + "</g>\n"
    }

    /// Round tick values from 0 to at least `maximum`, about five of them, in steps of 1, 2 or 5 times a power of
    /// ten; the last one is the axis' end.
    static func ticks(upTo maximum: Double) -> [Double] {
        let top = maximum.isFinite && maximum > 0 ? maximum : 1
        let rough = top / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let count = Int((top / step).rounded(.up))
        return (0...max(count, 1)).map { Double($0) * step }
    }

    static func tickLabel(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }

    /// A coordinate with at most one decimal: small files, and the same text on every machine.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// Text or an attribute value made safe for XML.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // XML 1.0 has no way to write most control characters, even escaped: they become spaces.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
