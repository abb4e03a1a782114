import Foundation

/// A labelled value for bar charts.
public struct ChartItem: Sendable, Equatable {
    public var label: String
    public var value: Double

    public init(_ label: String, _ value: Double) {
        self.label = label
        self.value = value
    }
}

/// Bar charts: horizontal bars, a Pareto chart (bars and cumulative share) and grouped bars.
/// Labels come from the data and are escaped by ``SVGCanvas``; long ones are cut with `…`
/// and shown in full on hover.
public enum BarCharts {
    static let labelLimit = 26

    /// Horizontal bars, one per item, in the given order; `axisTitle` names the value and
    /// its unit, e.g. "exception-hours (h)".
    public static func horizontal(
        title: String, subtitle: String? = nil, items: [ChartItem], axisTitle: String, color: String = ChartPalette.blue,
        valueLabel: (Double) -> String = { ReportFormat.number($0, digits: 0) }
    ) -> String {
        let longest = items.map { min(Escape.singleLine($0.label).count, labelLimit) }.max() ?? 4
        let left = max(80, Double(longest) * 6.8 + 16)
        let rowHeight = 24.0
        let height = 34 + (subtitle == nil ? 0 : 16) + 12 + Double(max(1, items.count)) * rowHeight + 56
        var frame = ChartFrame(width: 760, height: height, title: title, subtitle: subtitle, left: left, right: 70)
        let scale = NiceScale(min: min(0, items.map(\.value).min() ?? 0), max: items.map(\.value).max() ?? 1)
        frame.valueAxisBottom(scale, title: axisTitle)
        let band = frame.plotHeight / Double(max(1, items.count))
        for (i, item) in items.enumerated() {
            let y0 = frame.top + Double(i) * band
            let x0 = frame.x(0, scale), x1 = frame.x(item.value, scale)
            frame.canvas.rect(
                x: min(x0, x1), y: y0 + band * 0.18, width: abs(x1 - x0), height: band * 0.64, fill: color,
                tooltip: "\(Escape.singleLine(item.label)): \(valueLabel(item.value))")
            frame.canvas.text(
                Escape.truncated(Escape.singleLine(item.label), to: labelLimit), x: frame.left - 6, y: y0 + band / 2 + 4, size: 11,
                anchor: "end")
            frame.canvas.text(valueLabel(item.value), x: max(x0, x1) + 4, y: y0 + band / 2 + 4, size: 10, fill: ChartPalette.muted)
        }
        return frame.canvas.render(title: title, description: describe(items, valueLabel))
    }

    /// A Pareto chart: bars sorted from largest, the cumulative share as a line on a 0–100 %
    /// right axis, and a dashed 80 % reference line.
    public static func pareto(
        title: String, subtitle: String? = nil, items unsorted: [ChartItem], axisTitle: String, categoryTitle: String
    ) -> String {
        let items = unsorted.sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
        let total = items.reduce(0) { $0 + max(0, $1.value) }
        let labelRoom = Double(min(labelLimit, items.map { Escape.singleLine($0.label).count }.max() ?? 4)) * 3.9 + 16
        let longest = Double(min(labelLimit, items.map { Escape.singleLine($0.label).count }.max() ?? 4))
        let left = max(70, longest * 5.6 - (760.0 - 134) / Double(max(1, items.count)) / 2 + 12)
        var frame = ChartFrame(
            width: 760, height: 330 + labelRoom, title: title, subtitle: subtitle, left: left, right: 64, bottom: labelRoom + 36,
            legendRow: true)
        let scale = NiceScale(min: 0, max: items.first?.value ?? 1)
        let share = NiceScale(min: 0, max: 1, ticks: 4)
        frame.valueAxisLeft(scale, title: axisTitle)
        frame.valueAxisRight(share, title: "cumulative share (%)", format: { ReportFormat.number($0 * 100, digits: 0) })
        frame.categoryAxisBottom(title: categoryTitle, labelRoom: labelRoom)
        let band = frame.plotWidth / Double(max(1, items.count))
        var running = 0.0
        var points: [(Double, Double)] = []
        for (i, item) in items.enumerated() {
            let cx = frame.left + (Double(i) + 0.5) * band
            let y1 = frame.y(max(0, item.value), scale)
            running += max(0, item.value)
            let cumulative = total > 0 ? running / total : 0
            frame.canvas.rect(
                x: cx - band * 0.35, y: y1, width: band * 0.7, height: frame.bottom - y1, fill: ChartPalette.blue,
                tooltip: "\(Escape.singleLine(item.label)): \(ReportFormat.number(item.value, digits: 0)) (\(ReportFormat.percent(total > 0 ? item.value / total : 0)))")
            frame.canvas.text(
                Escape.truncated(Escape.singleLine(item.label), to: labelLimit), x: cx + 4, y: frame.bottom + 12, size: 11,
                anchor: "end", rotate: -35)
            points.append((cx, frame.y(cumulative, share)))
        }
        let y80 = frame.y(0.8, share)
        frame.canvas.line(x1: frame.left, y1: y80, x2: frame.right, y2: y80, stroke: ChartPalette.vermillion, width: 1, dash: "5 4")
        frame.canvas.polyline(points, stroke: ChartPalette.orange, width: 2.5)
        for p in points { frame.canvas.circle(cx: p.0, cy: p.1, r: 3.5, fill: ChartPalette.orange) }
        frame.legend([
            (name: axisTitle, color: ChartPalette.blue, line: false),
            (name: "cumulative share", color: ChartPalette.orange, line: true),
            (name: "80 %", color: ChartPalette.vermillion, line: true),
        ])
        return frame.canvas.render(title: title, description: describe(items) { ReportFormat.number($0, digits: 0) })
    }

    /// Grouped vertical bars: one group per label, one bar per series (legend on top).
    /// Values outside `0...max` are clipped; `valueFormat` labels each bar.
    public static func grouped(
        title: String, subtitle: String? = nil, groups: [String], series: [(name: String, values: [Double])],
        axisTitle: String, categoryTitle: String, maxValue: Double? = nil,
        valueFormat: @escaping (Double) -> String = { ReportFormat.number($0, digits: 0) },
        axisFormat: ((Double) -> String)? = nil
    ) -> String {
        let longest = Double(min(labelLimit, groups.map { Escape.singleLine($0).count }.max() ?? 4))
        let labelRoom = longest * 3.9 + 16
        let band0 = (760.0 - 94) / Double(max(1, groups.count))
        // Rotated labels hang down-left from their group: leave room for the first one.
        let left = max(70, longest * 5.6 - band0 / 2 + 12)
        var frame = ChartFrame(
            width: 760, height: 330 + labelRoom, title: title, subtitle: subtitle, left: left, right: 24, bottom: labelRoom + 36,
            legendRow: true)
        let top = maxValue ?? (series.flatMap(\.values).filter(\.isFinite).max() ?? 1)
        let scale = NiceScale(min: 0, max: top)
        frame.valueAxisLeft(scale, title: axisTitle, format: axisFormat)
        frame.categoryAxisBottom(title: categoryTitle, labelRoom: labelRoom)
        let band = frame.plotWidth / Double(max(1, groups.count))
        let barWidth = band * 0.8 / Double(max(1, series.count))
        for (g, group) in groups.enumerated() {
            // Bars of the series that have a value here, centred in the group.
            let present = series.indices.filter { g < series[$0].values.count && series[$0].values[g].isFinite }
            let center = frame.left + (Double(g) + 0.5) * band
            let x0 = center - Double(present.count) * barWidth / 2
            for (k, s) in present.enumerated() {
                let v = series[s].values[g]
                let y1 = frame.y(min(max(0, v), scale.upper), scale)
                let x = x0 + Double(k) * barWidth
                frame.canvas.rect(
                    x: x, y: y1, width: barWidth * 0.92, height: frame.bottom - y1, fill: ChartPalette.color(s),
                    tooltip: "\(Escape.singleLine(group)) · \(series[s].name): \(valueFormat(v))")
                if barWidth >= 22 {
                    frame.canvas.text(valueFormat(v), x: x + barWidth * 0.46, y: y1 - 3, size: 9, anchor: "middle", fill: ChartPalette.muted)
                }
            }
            frame.canvas.text(
                Escape.truncated(Escape.singleLine(group), to: labelLimit), x: center + 4, y: frame.bottom + 12, size: 11,
                anchor: "end", rotate: -35)
        }
        frame.legend(series.enumerated().map { (name: $0.element.name, color: ChartPalette.color($0.offset), line: false) })
        let description = groups.enumerated().map { g, label in
            Escape.singleLine(label) + ": " + series.map { "\($0.name) \(g < $0.values.count ? valueFormat($0.values[g]) : "–")" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return frame.canvas.render(title: title, description: description)
    }

    /// A text description of the data (screen readers, and the chart's `<desc>`).
    static func describe(_ items: [ChartItem], _ format: (Double) -> String) -> String {
        items.map { "\(Escape.singleLine($0.label)): \(format($0.value))" }.joined(separator: "; ")
    }
}
