import Discovery
import EventLog
import Foundation

/// The process map of a log as an SVG to inline: Discovery's readable default map
/// (most frequent activities and paths), rendered by Graphviz, with the XML prolog,
/// DOCTYPE and comments removed so the `<svg>` element can sit inside HTML or a notebook.
/// Graphviz escapes labels itself. Cost: one DFG pass plus Graphviz (~0.1–1 s).
public enum ProcessMapFigure {
    /// The SVG, or a reason it could not be drawn (Graphviz missing, …).
    public static func render(_ log: EventLog) -> (svg: String?, note: String?) {
        do {
            let classes = try ActivityClassifier.activity.classes(of: log)
            let map = try MapSimplification().map(log: log, classes: classes, performance: false)
            let data = try GraphvizRenderer.svg(fromDOT: DOTExport.render(map))
            let svg = inlineable(String(decoding: data, as: UTF8.self))
            let shown = "\(map.nodes.count) of \(map.totalActivities) activities and \(map.edges.count) paths"
            return (svg, shown)
        } catch {
            return (nil, "The process map could not be drawn: \(error.description)")
        }
    }

    /// `svg` from its `<svg` element on, without comments, sized to fit the page width.
    static func inlineable(_ svg: String) -> String {
        var text = svg
        if let start = text.range(of: "<svg") { text = String(text[start.lowerBound...]) }
        while let open = text.range(of: "<!--"), let close = text.range(of: "-->", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        // Let the map shrink to the column: Graphviz writes a fixed size in points.
        if let end = text.range(of: ">") {
            let head = String(text[..<end.lowerBound])
            if !head.contains("style=") {
                text.replaceSubrange(end, with: " style=\"max-width:100%;height:auto\">")
            }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
