import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects element names, text and fill/stroke colours of an SVG.
final class SVGInspector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String] = []
    var colours = Set<String>()
    private var current = ""

    static func inspect(_ svg: String) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        return parser.parse() ? inspector : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        current = ""
        for key in ["fill", "stroke"] {
            if let c = attributes[key], c.hasPrefix("#") { colours.insert(c.uppercased()) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" || name == "title" || name == "desc" { texts.append(current) }
        current = ""
    }
}

@Suite("SVG charts")
struct SVGChartTests {
    /// Okabe–Ito, plus the greys, black and white used for axes, grid, text and outlines.
    static let allowed = Set(ChartPalette.series + ["#FFFFFF", "#E3E3E3", "#555555", "#222222", "#666666", "#333333", "#444444"])

    static func check(_ svg: String, title: String, texts expected: [String]) throws -> SVGInspector {
        let inspector = try #require(SVGInspector.inspect(svg), "not well-formed XML")
        #expect(inspector.elements.first == "svg")
        #expect(inspector.texts.contains(title), "no title text \(title)")
        for t in expected { #expect(inspector.texts.contains(t), "missing text '\(t)'; texts: \(inspector.texts.prefix(40))") }
        #expect(inspector.colours.isSubset(of: allowed), "colours outside the palette: \(inspector.colours.subtracting(allowed))")
        #expect(!svg.contains("http://") || svg.components(separatedBy: "http://").count == 2, "only the SVG namespace may be a URL")
        return inspector
    }

    @Test("nice scales: 1-2-2.5-5 steps, bounds on the grid, readable labels")
    func niceScale() {
        let s = NiceScale(min: 0, max: 54_039)
        #expect(s.step == 20_000 && s.lower == 0 && s.upper == 60_000)
        #expect(s.ticks.map(s.label) == ["0", "20k", "40k", "60k"])
        let f = NiceScale(min: 0, max: 1, ticks: 4)
        #expect(f.step == 0.25 && f.ticks.map(f.label) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        let k = NiceScale(min: 0, max: 9_000)
        #expect(k.ticks.map(k.label) == ["0", "2k", "4k", "6k", "8k", "10k"])
        let h = NiceScale(min: 0, max: 187)
        #expect(h.step == 50 && h.upper == 200)
        let e = NiceScale(min: 5, max: 5)
        #expect(e.lower == 0 && e.upper >= 5)
        let m = NiceScale(min: 0, max: 2_400_000)
        #expect(m.ticks.map(m.label).last == "2.5M")
    }

    @Test("Pareto: title, both axes with units, categories, cumulative share to 100 %")
    func pareto() throws {
        let svg = BarCharts.pareto(
            title: "Drag", items: [ChartItem("b", 30), ChartItem("a", 60), ChartItem("c", 10)], axisTitle: "exception-hours (h)",
            categoryTitle: "exception category")
        let i = try Self.check(svg, title: "Drag", texts: ["exception-hours (h)", "cumulative share (%)", "exception category", "a", "b", "c", "0", "100"])
        // Bars in Pareto order: a (60) first.
        let labels = i.texts.filter { ["a", "b", "c"].contains($0) }
        #expect(labels == ["a", "b", "c"])
        #expect(svg.contains("a: 60 (60.0\u{00A0}%)"))
    }

    @Test("box plots, histogram, stacked area, coverage, grouped bars and network are labelled")
    func others() throws {
        let box = try #require(BoxSummary(label: "x", values: (1...100).map(Double.init)))
        #expect(box.median == 50.5 && box.q1 == 25.75 && box.p95 == 95.05)
        _ = try Self.check(
            DistributionCharts.boxes(title: "Boxes", boxes: [box], axisTitle: "hours (h)"), title: "Boxes", texts: ["hours (h)", "x", "n=100"])
        let hist = DistributionCharts.histogram(title: "Hist", values: (0..<500).map { Double($0 % 97) }, axisTitle: "hours (h)")
        _ = try Self.check(hist, title: "Hist", texts: ["hours (h)", "exceptions (count)", "0", "100"])
        // p98 ≈ 95 → bins 5 wide, 20 of them up to 100; 0…4 occur 6 times each in 500 values.
        #expect(hist.contains("<title>0.0–5.0: 30</title>"))
        #expect(hist.contains("<title>95.0–…: 10</title>"))
        _ = try Self.check(
            LineCharts.stackedArea(
                title: "Backlog", dates: ["2025-01-01", "2025-01-02", "2025-01-03"], series: [(name: "age 0-1 d", values: [1, 2, 3]), (name: "age >14 d", values: [0, 1, 1])],
                axisTitle: "open exceptions (count)"),
            title: "Backlog", texts: ["open exceptions (count)", "date (UTC)", "2025-01-01", "age 0-1 d", "age >14 d", "total"])
        _ = try Self.check(
            LineCharts.coverage(
                title: "Coverage", points: [(0.1, 0.95), (0.5, 0.9), (1, 0.8)], threshold: (0.7, 0.5, 0.9), legacyAccuracy: 0.7),
            title: "Coverage", texts: ["accuracy of automated exceptions (%)", "coverage: exceptions routed automatically (%)", "chosen threshold"])
        _ = try Self.check(
            BarCharts.grouped(
                title: "Grouped", groups: ["g1", "all"], series: [(name: "legacy", values: [50, 60]), (name: "model", values: [80, .nan])],
                axisTitle: "routed right first time (%)", categoryTitle: "exception category", maxValue: 100),
            title: "Grouped", texts: ["routed right first time (%)", "legacy", "model", "g1", "all"])
        _ = try Self.check(
            BarCharts.horizontal(title: "H", items: [ChartItem("p", -5), ChartItem("q", 20)], axisTitle: "net delay hours saved (h)"),
            title: "H", texts: ["net delay hours saved (h)", "p", "q"])
        let net = NetworkChart.render(
            title: "Net", nodes: [.init(name: "a", weight: 3), .init(name: "b", weight: 1)],
            edges: [.init(from: 0, to: 1, count: 3), .init(from: 1, to: 0, count: 1), .init(from: 0, to: 9, count: 1)])
        let n = try Self.check(net, title: "Net", texts: ["a", "b", "3"])
        #expect(n.elements.filter { $0 == "path" }.count == 3)  // two arrows (the bad index is skipped) + the marker
    }

    @Test("empty data still gives a valid, titled chart")
    func empty() throws {
        _ = try Self.check(BarCharts.pareto(title: "E", items: [], axisTitle: "h", categoryTitle: "c"), title: "E", texts: [])
        _ = try Self.check(LineCharts.stackedArea(title: "E2", dates: [], series: [], axisTitle: "n"), title: "E2", texts: [])
        _ = try Self.check(DistributionCharts.histogram(title: "E3", values: [], axisTitle: "h"), title: "E3", texts: [])
        #expect(BoxSummary(label: "none", values: [.nan]) == nil)
    }
}
