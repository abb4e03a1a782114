import Foundation

/// A small SVG writer for the report charts: shapes and text appended in order, every text
/// escaped with ``Escape/svg(_:)``, numbers written with at most two decimals. The result is
/// a standalone `<svg>` element (no XML prolog) that can be inlined into HTML, saved as a
/// `.svg` file, or embedded in a notebook output. Fonts are generic families only, so
/// nothing is fetched from the network. Cost: linear in the elements.
public struct SVGCanvas: Sendable {
    public let width: Double
    public let height: Double
    private var body = ""

    /// The font stack of every chart (system fonts only).
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// `12.34` (at most two decimals, no trailing zeros, no exponent).
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, opacity: Double? = nil,
        tooltip: String? = nil
    ) {
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        if let opacity { body += " fill-opacity=\"\(Self.n(opacity))\"" }
        close("rect", tooltip)
    }

    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    /// A polyline through `points`.
    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard !points.isEmpty else { return }
        body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\" points=\""
        body += points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body += "\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    /// A closed, filled polygon.
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1, tooltip: String? = nil) {
        guard !points.isEmpty else { return }
        body += "<polygon fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" points=\""
        body += points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body += "\""
        close("polygon", tooltip)
    }

    /// A path with raw path data (built from numbers only, never from data strings).
    public mutating func path(_ d: String, stroke: String, width: Double, fill: String = "none", opacity: Double = 1, marker: String? = nil, tooltip: String? = nil) {
        body += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-opacity=\"\(Self.n(opacity))\""
        if let marker { body += " marker-end=\"url(#\(marker))\"" }
        close("path", tooltip)
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        body += "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        close("circle", tooltip)
    }

    /// Text anchored at (x, y); `text` is escaped. `rotate` turns it around its anchor.
    public mutating func text(
        _ text: String, x: Double, y: Double, size: Double = 12, anchor: String = "start", weight: String? = nil,
        fill: String = "#222222", rotate: Double? = nil, baseline: String? = nil
    ) {
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { body += " font-weight=\"\(weight)\"" }
        if let baseline { body += " dominant-baseline=\"\(baseline)\"" }
        if let rotate { body += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        body += ">" + Escape.svg(text) + "</text>\n"
    }

    /// Raw markup built by this module from constants and numbers (markers, gradients).
    mutating func raw(_ markup: String) { body += markup }

    /// Ends an element: self-closing, or with a `<title>` child (a hover tooltip) when given.
    private mutating func close(_ element: String, _ tooltip: String?) {
        if let tooltip {
            body += "><title>" + Escape.svg(tooltip) + "</title></" + element + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// The finished `<svg>` element with an accessible title and description.
    public func render(title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
            + "role=\"img\" font-family=\"\(SVGCanvas.fontFamily)\" style=\"max-width:100%;height:auto\">\n"
            + "<title>" + Escape.svg(title) + "</title>\n<desc>" + Escape.svg(description) + "</desc>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
            + body + "</svg>\n"
    }
}

/// The Okabe–Ito palette (Okabe & Ito, 2008): eight colours told apart by people with the
/// common colour-vision deficiencies. Charts take series colours from ``series`` in order.
public enum ChartPalette {
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let green = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let black = "#000000"
    /// Series order: strong, distinct hues first; yellow last (weak on white).
    public static let series = [blue, orange, green, vermillion, purple, skyBlue, black, yellow]

    public static let grid = "#e3e3e3"
    public static let axis = "#555555"
    public static let text = "#222222"
    public static let muted = "#666666"

    /// The colour of series `i` (cycling).
    public static func color(_ i: Int) -> String { series[((i % series.count) + series.count) % series.count] }
}
