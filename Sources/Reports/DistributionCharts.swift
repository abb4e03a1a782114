import Foundation

/// Five figures of a distribution for a box plot: whiskers at the 5th and 95th percentiles,
/// the box from the 25th to the 75th, a line at the median, a dot at the mean.
public struct BoxSummary: Sendable, Equatable, Codable {
    public var label: String
    public var count: Int
    public var p5: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var p95: Double
    public var mean: Double

    /// The summary of `values` (non-finite values left out), or `nil` when none remain.
    public init?(label: String, values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        self.label = label
        count = sorted.count
        p5 = ROIBootstrap.percentile(sorted, 0.05)
        q1 = ROIBootstrap.percentile(sorted, 0.25)
        median = ROIBootstrap.percentile(sorted, 0.5)
        q3 = ROIBootstrap.percentile(sorted, 0.75)
        p95 = ROIBootstrap.percentile(sorted, 0.95)
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }
}

/// Distribution charts: box plots side by side, and a histogram.
public enum DistributionCharts {
    /// Horizontal box plots, one per summary, on a shared axis (`axisTitle` with the unit).
    public static func boxes(title: String, subtitle: String? = nil, boxes: [BoxSummary], axisTitle: String) -> String {
        let longest = boxes.map { min(Escape.singleLine($0.label).count, BarCharts.labelLimit) }.max() ?? 4
        let left = max(90, Double(longest) * 6.8 + 16 + 44)
        let rowHeight = 28.0
        let height = 34 + (subtitle == nil ? 0 : 16) + 12 + Double(max(1, boxes.count)) * rowHeight + 76
        var frame = ChartFrame(width: 760, height: height, title: title, subtitle: subtitle, left: left, right: 24, bottom: 76)
        let scale = NiceScale(min: 0, max: boxes.map(\.p95).max() ?? 1)
        frame.valueAxisBottom(scale, title: axisTitle)
        let band = frame.plotHeight / Double(max(1, boxes.count))
        for (i, b) in boxes.enumerated() {
            let cy = frame.top + (Double(i) + 0.5) * band
            let h = min(16, band * 0.6)
            let x5 = frame.x(b.p5, scale), x25 = frame.x(b.q1, scale), x50 = frame.x(b.median, scale)
            let x75 = frame.x(b.q3, scale), x95 = frame.x(b.p95, scale), xm = frame.x(min(b.mean, scale.upper), scale)
            let color = ChartPalette.color(i)
            frame.canvas.line(x1: x5, y1: cy, x2: x25, y2: cy, stroke: ChartPalette.axis)
            frame.canvas.line(x1: x75, y1: cy, x2: x95, y2: cy, stroke: ChartPalette.axis)
            frame.canvas.line(x1: x5, y1: cy - h / 3, x2: x5, y2: cy + h / 3, stroke: ChartPalette.axis)
            frame.canvas.line(x1: x95, y1: cy - h / 3, x2: x95, y2: cy + h / 3, stroke: ChartPalette.axis)
            let tip = "\(Escape.singleLine(b.label)) (n = \(ReportFormat.count(b.count))): p5 \(ReportFormat.number(b.p5, digits: 1)), "
                + "p25 \(ReportFormat.number(b.q1, digits: 1)), median \(ReportFormat.number(b.median, digits: 1)), "
                + "p75 \(ReportFormat.number(b.q3, digits: 1)), p95 \(ReportFormat.number(b.p95, digits: 1)), mean \(ReportFormat.number(b.mean, digits: 1))"
            frame.canvas.rect(x: x25, y: cy - h / 2, width: x75 - x25, height: h, fill: color, stroke: "#333333", opacity: 0.75, tooltip: tip)
            frame.canvas.line(x1: x50, y1: cy - h / 2, x2: x50, y2: cy + h / 2, stroke: "#000000", width: 2.5)
            frame.canvas.circle(cx: xm, cy: cy, r: 3, fill: "#ffffff", stroke: "#000000")
            frame.canvas.text(
                Escape.truncated(Escape.singleLine(b.label), to: BarCharts.labelLimit), x: frame.left - 50, y: cy + 4, size: 11,
                anchor: "end")
            frame.canvas.text("n=\(ReportFormat.count(b.count))", x: frame.left - 6, y: cy + 4, size: 10, anchor: "end", fill: ChartPalette.muted)
        }
        let ky = frame.bottom + 58
        frame.canvas.text(
            "whiskers: 5th–95th percentile · box: 25th–75th · thick line: median · open dot: mean", x: frame.left, y: ky, size: 11,
            fill: ChartPalette.muted)
        let description = boxes.map {
            "\(Escape.singleLine($0.label)): median \(ReportFormat.number($0.median, digits: 1)), p95 \(ReportFormat.number($0.p95, digits: 1)), n \($0.count)"
        }.joined(separator: "; ")
        return frame.canvas.render(title: title, description: description)
    }

    /// A histogram of `values` in about `bins` bins of a round width (1, 2, 2.5 or 5 × 10ⁿ) from 0
    /// to the `clipAt` quantile (values beyond go into the last bin, labelled as such).
    public static func histogram(
        title: String, subtitle: String? = nil, values: [Double], bins: Int = 24, clipAt: Double = 0.98, axisTitle: String,
        countTitle: String = "exceptions (count)"
    ) -> String {
        var frame = ChartFrame(width: 760, height: 330, title: title, subtitle: subtitle, left: 70, right: 24, bottom: 56, legendRow: true)
        let sorted = values.filter(\.isFinite).sorted()
        let top = sorted.isEmpty ? 1 : max(ROIBootstrap.percentile(sorted, clipAt), 1e-9)
        // Bins of a round width (about `bins` of them) on a scale that ends on a bin edge.
        let width = NiceScale(min: 0, max: top / Double(max(1, bins)), ticks: 1).step
        let xScale = NiceScale(min: 0, max: ceil(top / width) * width, ticks: 8)
        let binCount = max(1, Int(((xScale.upper - xScale.lower) / width).rounded()))
        var counts = [Int](repeating: 0, count: binCount)
        for v in sorted {
            let b = Int(((v - xScale.lower) / width).rounded(.down))
            counts[min(max(0, b), counts.count - 1)] += 1
        }
        let yScale = NiceScale(min: 0, max: Double(counts.max() ?? 1))
        frame.valueAxisLeft(yScale, title: countTitle)
        frame.valueAxisBottom(xScale, title: axisTitle)
        for (b, c) in counts.enumerated() where c > 0 {
            let lo = xScale.lower + Double(b) * width
            let x0 = frame.x(lo, xScale), x1 = frame.x(lo + width, xScale)
            let y1 = frame.y(Double(c), yScale)
            let last = b == counts.count - 1
            frame.canvas.rect(
                x: x0 + 0.5, y: y1, width: x1 - x0 - 1, height: frame.bottom - y1, fill: last ? ChartPalette.orange : ChartPalette.blue,
                tooltip: "\(ReportFormat.number(lo, digits: 1))–\(last ? "…" : ReportFormat.number(lo + width, digits: 1)): \(ReportFormat.count(c))")
        }
        if let lastValue = sorted.last, lastValue > xScale.upper {
            frame.legend([(name: "last bar: \(ReportFormat.number(xScale.upper - width, digits: 0)) and more", color: ChartPalette.orange, line: false)])
        }
        let description = "\(sorted.count) values; median \(ReportFormat.number(sorted.isEmpty ? 0 : ROIBootstrap.percentile(sorted, 0.5), digits: 1))"
        return frame.canvas.render(title: title, description: description)
    }
}
