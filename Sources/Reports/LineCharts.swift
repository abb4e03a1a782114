import Foundation

/// Line and area charts: a stacked area over dates (backlog by age) and the
/// accuracy-vs-coverage curve of a routing model.
public enum LineCharts {
    /// Stacked areas over a date axis, one layer per series in order (the first at the
    /// bottom), with a line for the total. `dates` are `YYYY-MM-DD` labels, one per point.
    public static func stackedArea(
        title: String, subtitle: String? = nil, dates: [String], series: [(name: String, values: [Double])], axisTitle: String,
        dateTitle: String = "date (UTC)"
    ) -> String {
        var frame = ChartFrame(width: 760, height: 350, title: title, subtitle: subtitle, left: 70, right: 24, bottom: 64, legendRow: true)
        let n = dates.count
        var totals = [Double](repeating: 0, count: n)
        for s in series { for i in 0..<min(n, s.values.count) { totals[i] += max(0, s.values[i]) } }
        let scale = NiceScale(min: 0, max: totals.max() ?? 1)
        frame.valueAxisLeft(scale, title: axisTitle)
        frame.canvas.line(x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom, stroke: ChartPalette.axis)
        func x(_ i: Int) -> Double { frame.left + (n > 1 ? Double(i) / Double(n - 1) : 0.5) * frame.plotWidth }
        var base = [Double](repeating: 0, count: n)
        for (s, serie) in series.enumerated() {
            guard n > 0 else { break }
            var upper: [(Double, Double)] = []
            var lower: [(Double, Double)] = []
            for i in 0..<n {
                let v = i < serie.values.count ? max(0, serie.values[i]) : 0
                lower.append((x(i), frame.y(base[i], scale)))
                base[i] += v
                upper.append((x(i), frame.y(base[i], scale)))
            }
            frame.canvas.polygon(upper + lower.reversed(), fill: ChartPalette.color(s), opacity: 0.85, tooltip: serie.name)
        }
        if n > 0 { frame.canvas.polyline((0..<n).map { (x($0), frame.y(totals[$0], scale)) }, stroke: "#000000", width: 1.5) }
        // Date ticks: about seven, evenly spaced.
        let step = max(1, Int((Double(n) / 7).rounded(.up)))
        for i in stride(from: 0, to: n, by: step) {
            frame.canvas.line(x1: x(i), y1: frame.bottom, x2: x(i), y2: frame.bottom + 4, stroke: ChartPalette.axis)
            frame.canvas.text(Escape.singleLine(dates[i]), x: x(i), y: frame.bottom + 17, size: 11, anchor: "middle", fill: ChartPalette.axis)
        }
        frame.canvas.text(dateTitle, x: frame.left + frame.plotWidth / 2, y: frame.bottom + 40, size: 12, anchor: "middle", fill: ChartPalette.axis)
        var entries = series.enumerated().map { (name: $0.element.name, color: ChartPalette.color($0.offset), line: false) }
        entries.append((name: "total", color: "#000000", line: true))
        frame.legend(entries)
        let peak = totals.indices.max { totals[$0] < totals[$1] }
        let description = "\(n) points from \(dates.first.map(Escape.singleLine) ?? "–") to \(dates.last.map(Escape.singleLine) ?? "–")"
            + (peak.map { "; peak \(ReportFormat.number(totals[$0], digits: 0)) on \(Escape.singleLine(dates[$0]))" } ?? "")
        return frame.canvas.render(title: title, description: description)
    }

    /// Accuracy against coverage (the share of exceptions routed automatically, most
    /// confident first), with the chosen threshold's operating point and the legacy accuracy
    /// as a reference line. Points are (coverage, accuracy) in 0…1.
    public static func coverage(
        title: String, subtitle: String? = nil, points: [(coverage: Double, accuracy: Double)],
        threshold: (value: Double, coverage: Double, precision: Double)?, legacyAccuracy: Double?
    ) -> String {
        var frame = ChartFrame(width: 760, height: 360, title: title, subtitle: subtitle, left: 70, right: 24, bottom: 56, legendRow: true)
        let lowest = min(points.map(\.accuracy).min() ?? 0, legacyAccuracy ?? 1, threshold?.precision ?? 1)
        let yScale = NiceScale(min: max(0, floor(lowest * 10) / 10 - 0.05), max: 1, ticks: 5)
        let xScale = NiceScale(min: 0, max: 1, ticks: 5)
        let pct: (Double) -> String = { ReportFormat.number($0 * 100, digits: 0) }
        frame.valueAxisLeft(yScale, title: "accuracy of automated exceptions (%)", format: pct)
        frame.valueAxisBottom(xScale, title: "coverage: exceptions routed automatically (%)", format: pct)
        var entries: [(name: String, color: String, line: Bool)] = [(name: "model", color: ChartPalette.blue, line: true)]
        if let legacyAccuracy {
            let y = frame.y(legacyAccuracy, yScale)
            frame.canvas.line(x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: ChartPalette.vermillion, width: 2, dash: "6 4")
            entries.append((name: "legacy first assignment (\(ReportFormat.percent(legacyAccuracy)))", color: ChartPalette.vermillion, line: true))
        }
        let xy = points.map { (frame.x($0.coverage, xScale), frame.y(max(yScale.lower, $0.accuracy), yScale)) }
        frame.canvas.polyline(xy, stroke: ChartPalette.blue, width: 2.5)
        for (i, p) in xy.enumerated() {
            frame.canvas.circle(
                cx: p.0, cy: p.1, r: 3.5, fill: ChartPalette.blue,
                tooltip: "coverage \(ReportFormat.percent(points[i].coverage)), accuracy \(ReportFormat.percent(points[i].accuracy))")
        }
        if let t = threshold {
            let x = frame.x(t.coverage, xScale), y = frame.y(max(yScale.lower, t.precision), yScale)
            frame.canvas.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: ChartPalette.orange, width: 2, dash: "4 3")
            frame.canvas.circle(cx: x, cy: y, r: 6, fill: ChartPalette.orange, stroke: "#000000")
            let label = "threshold \(ReportFormat.number(t.value, digits: 2)): \(ReportFormat.percent(t.coverage, digits: 0)) automated at \(ReportFormat.percent(t.precision)) accuracy"
            let leftSide = t.coverage > 0.55
            frame.canvas.text(label, x: x + (leftSide ? -8 : 8), y: frame.bottom - 12, size: 11, anchor: leftSide ? "end" : "start", fill: ChartPalette.text)
            entries.append((name: "chosen threshold", color: ChartPalette.orange, line: true))
        }
        frame.legend(entries)
        let description = points.map { "\(pct($0.coverage)) %: \(ReportFormat.percent($0.accuracy))" }.joined(separator: "; ")
        return frame.canvas.render(title: title, description: description)
    }
}
