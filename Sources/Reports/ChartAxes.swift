import Foundation

/// A linear axis with "nice" ticks (1, 2, 2.5 or 5 × 10ⁿ), from zero or a data minimum.
public struct NiceScale: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var step: Double

    /// A scale covering `min ... max` with about `ticks` ticks.
    public init(min: Double, max: Double, ticks: Int = 5) {
        var lo = min.isFinite ? min : 0
        var hi = max.isFinite ? max : 1
        if hi < lo { swap(&lo, &hi) }
        if hi == lo {
            hi = lo == 0 ? 1 : lo + abs(lo) * 0.5
            if lo > 0 { lo = 0 }
        }
        let raw = (hi - lo) / Double(Swift.max(1, ticks))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        step = nice * magnitude
        lower = floor(lo / step) * step
        upper = ceil(hi / step) * step
        if upper <= lower { upper = lower + step }
    }

    /// The tick values from lower to upper.
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, min(count, 50))).map { lower + Double($0) * step }
    }

    /// Where `value` falls between 0 (lower) and 1 (upper).
    public func fraction(_ value: Double) -> Double { (value - lower) / (upper - lower) }

    /// A tick label: `1.5k`, `20`, `0.25`, `2M`.
    public func label(_ v: Double) -> String { NiceScale.compact(v, step: step) }

    /// Short number for tick labels; enough decimals for `step`.
    public static func compact(_ v: Double, step: Double) -> String {
        let a = abs(v)
        if a >= 1_000_000 { return trim(v / 1_000_000, step: step / 1_000_000) + "M" }
        if a >= 10_000 || (a >= 1_000 && step >= 500) { return trim(v / 1_000, step: step / 1_000) + "k" }
        return trim(v, step: step)
    }

    private static func trim(_ v: Double, step: Double) -> String {
        // As many decimals as the step needs (2.5 → 1, 0.25 → 2), at most 4.
        var decimals = 0
        while decimals < 4 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 { break }
            decimals += 1
        }
        return ReportFormat.number(v, digits: decimals)
    }
}

/// The plot area of a chart with a title, axis titles (with units) and margins; converts
/// data values to canvas coordinates and draws grid lines and tick labels.
struct ChartFrame {
    var canvas: SVGCanvas
    let left: Double, top: Double, plotWidth: Double, plotHeight: Double

    /// Baseline of the legend row (under the title and subtitle).
    let legendY: Double

    /// A canvas of `width × height` with a title on top, a legend row under it when
    /// `legendRow`, and room for axes.
    init(
        width: Double, height: Double, title: String, subtitle: String? = nil, left: Double = 64, right: Double = 24,
        bottom: Double = 56, legendRow: Bool = false
    ) {
        canvas = SVGCanvas(width: width, height: height + (legendRow ? 22 : 0))
        let titleHeight: Double = subtitle == nil ? 34 : 50
        self.left = left
        legendY = titleHeight + 14
        top = titleHeight + (legendRow ? 22 : 0) + 12
        plotWidth = width - left - right
        plotHeight = height - titleHeight - 12 - bottom
        canvas.text(title, x: 12, y: 22, size: 16, weight: "600")
        if let subtitle { canvas.text(subtitle, x: 12, y: 40, size: 12, fill: ChartPalette.muted) }
    }

    var bottom: Double { top + plotHeight }
    var right: Double { left + plotWidth }

    func y(_ v: Double, _ s: NiceScale) -> Double { bottom - s.fraction(v) * plotHeight }
    func x(_ v: Double, _ s: NiceScale) -> Double { left + s.fraction(v) * plotWidth }

    /// Horizontal grid lines and left tick labels for a vertical value axis, and its title.
    mutating func valueAxisLeft(_ s: NiceScale, title: String, format: ((Double) -> String)? = nil) {
        for t in s.ticks {
            let yy = y(t, s)
            canvas.line(x1: left, y1: yy, x2: right, y2: yy, stroke: ChartPalette.grid)
            canvas.text(format?(t) ?? s.label(t), x: left - 6, y: yy + 4, size: 11, anchor: "end", fill: ChartPalette.axis)
        }
        canvas.line(x1: left, y1: top, x2: left, y2: bottom, stroke: ChartPalette.axis)
        canvas.text(title, x: 16, y: top + plotHeight / 2, size: 12, anchor: "middle", fill: ChartPalette.axis, rotate: -90)
    }

    /// Right-hand tick labels for a second vertical axis, and its title.
    mutating func valueAxisRight(_ s: NiceScale, title: String, format: ((Double) -> String)? = nil) {
        for t in s.ticks {
            canvas.text(format?(t) ?? s.label(t), x: right + 6, y: y(t, s) + 4, size: 11, fill: ChartPalette.axis)
        }
        canvas.line(x1: right, y1: top, x2: right, y2: bottom, stroke: ChartPalette.axis)
        canvas.text(title, x: canvas.width - 10, y: top + plotHeight / 2, size: 12, anchor: "middle", fill: ChartPalette.axis, rotate: 90)
    }

    /// Vertical grid lines and bottom tick labels for a horizontal value axis, and its title.
    mutating func valueAxisBottom(_ s: NiceScale, title: String, format: ((Double) -> String)? = nil) {
        for t in s.ticks {
            let xx = x(t, s)
            canvas.line(x1: xx, y1: top, x2: xx, y2: bottom, stroke: ChartPalette.grid)
            canvas.text(format?(t) ?? s.label(t), x: xx, y: bottom + 16, size: 11, anchor: "middle", fill: ChartPalette.axis)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartPalette.axis)
        canvas.text(title, x: left + plotWidth / 2, y: bottom + 36, size: 12, anchor: "middle", fill: ChartPalette.axis)
    }

    /// The bottom axis line and its title (for category axes, whose labels the chart writes).
    mutating func categoryAxisBottom(title: String, labelRoom: Double) {
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartPalette.axis)
        canvas.text(title, x: left + plotWidth / 2, y: bottom + labelRoom + 18, size: 12, anchor: "middle", fill: ChartPalette.axis)
    }

    /// The legend row: a swatch (or a line) and a name per series, left to right.
    mutating func legend(_ entries: [(name: String, color: String, line: Bool)]) {
        var xx = left
        let yy = legendY
        for entry in entries {
            let label = Escape.truncated(Escape.singleLine(entry.name), to: 48)
            if entry.line {
                canvas.line(x1: xx, y1: yy - 4, x2: xx + 14, y2: yy - 4, stroke: entry.color, width: 2.5)
            } else {
                canvas.rect(x: xx, y: yy - 10, width: 12, height: 12, fill: entry.color)
            }
            canvas.text(label, x: xx + 18, y: yy, size: 11, fill: ChartPalette.text)
            xx += Double(label.count) * 6.4 + 34
        }
    }
}
