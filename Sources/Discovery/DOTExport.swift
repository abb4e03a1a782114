import Foundation

/// Renders a ``ProcessMap`` as Graphviz DOT in the field's familiar look: left to right,
/// rounded boxes shaded by frequency, arrows as wide as they are frequent, a start ● and
/// an end ■ node, and labels with counts or durations (`2d 4h`).
///
/// Every string from the data goes through ``escape(_:)``, so a name with quotes,
/// backslashes or newlines cannot break the graph. Cost: O(nodes + edges).
public enum DOTExport {
    /// What the path labels show in a performance map.
    public enum DurationMeasure: String, Sendable, CaseIterable {
        case mean, median, max, min, total
    }

    /// Blues, light to dark: box fill by relative frequency.
    static let palette = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]

    /// The DOT text of `map`. In a performance map, activity-to-activity paths are labelled
    /// with `measure` of their durations; otherwise with their counts.
    public static func render(_ map: ProcessMap, measure: DurationMeasure = .mean, title: String? = nil) -> String {
        var out = "digraph \"process map\" {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.45, bgcolor=\"white\""
        if let title { out += ", label=\"\(escape(title))\", labelloc=t" }
        out += "];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#3f5f7f\", penwidth=1];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#4a4a4a\", fontcolor=\"#303030\", arrowsize=0.7];\n"
        out += "  start [label=\"●\", shape=circle, style=\"\", fontsize=26, fontcolor=\"#2e8b57\", color=\"#2e8b57\", width=0.45, fixedsize=true];\n"
        out += "  end [label=\"■\", shape=doublecircle, style=\"\", fontsize=18, fontcolor=\"#b03a2e\", color=\"#b03a2e\", width=0.4, fixedsize=true];\n"

        // Fill on a log scale: event counts are skewed, and a linear scale leaves most boxes white.
        let counts = map.nodes.map { log(Double(max(1, $0.count))) }
        let lo = counts.min() ?? 0, hi = counts.max() ?? 0
        for (i, node) in map.nodes.enumerated() {
            let f = hi > lo ? (counts[i] - lo) / (hi - lo) : 1
            let shade = min(palette.count - 1, Int(f * Double(palette.count - 1) + 0.5))
            let font = shade >= 5 ? "white" : "black"
            out += "  a\(i) [label=\"\(escape(node.name))\\n\(thousands(node.count))\", fillcolor=\"\(palette[shade])\", fontcolor=\"\(font)\"];\n"
        }

        let slowest = map.edges.compactMap(\.durations).map { value($0, measure) }.max() ?? 0
        let edgeCounts = map.edges.map(\.count)
        let elo = edgeCounts.min() ?? 0, ehi = edgeCounts.max() ?? 0
        for edge in map.edges {
            let f = ehi > elo ? Double(edge.count - elo) / Double(ehi - elo) : 1
            let width = 1 + 5 * f
            var label = thousands(edge.count)
            if map.hasPerformance, let d = edge.durations {
                label = DurationFormat.short(seconds: value(d, measure))
            }
            var attrs = "penwidth=\(format(width)), label=\" \(escape(label)) \""
            if case .start = edge.from { attrs += ", style=dashed, color=\"#2e8b57\"" }
            if case .end = edge.to { attrs += ", style=dashed, color=\"#b03a2e\"" }
            if map.hasPerformance, edge.durations != nil {
                // Slow paths in red, as performance maps usually do.
                attrs += ", color=\"\(heat(edge.durations, slowest: slowest, measure))\""
            }
            out += "  \(id(edge.from)) -> \(id(edge.to)) [\(attrs)];\n"
        }
        out += "}\n"
        return out
    }

    /// Escapes text for a double-quoted DOT string: backslashes and quotes are escaped,
    /// line breaks become `\n`, other control characters become spaces, and `&` becomes
    /// `&amp;` (Graphviz reads `&name;` in a label as a character entity, so `&lt;` in the
    /// data would otherwise be drawn as `<`).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func id(_ p: ProcessMap.Endpoint) -> String {
        switch p {
        case .start: "start"
        case .end: "end"
        case .activity(let i): "a\(i)"
        }
    }

    /// The figure of `d` that `m` names, in seconds.
    public static func value(_ d: DurationStatistics, _ m: DurationMeasure) -> Double {
        switch m {
        case .mean: d.meanSeconds
        case .median: d.medianSeconds
        case .max: d.maxSeconds
        case .min: d.minSeconds
        case .total: d.totalSeconds
        }
    }

    /// Grey for fast paths to red for the slowest, by the measure's rank among the paths.
    static func heat(_ d: DurationStatistics?, slowest hi: Double, _ m: DurationMeasure) -> String {
        guard let d else { return "#4a4a4a" }
        let f = hi > 0 ? min(1, max(0, value(d, m) / hi)) : 0
        let colors = ["#7f7f7f", "#a0645a", "#c0392b", "#e31a1c"]
        return colors[min(colors.count - 1, Int(f * Double(colors.count - 1) + 0.5))]
    }

    static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    static func format(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
