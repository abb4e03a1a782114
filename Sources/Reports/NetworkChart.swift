import Foundation

/// A directed, weighted network drawn on a circle: nodes are teams (area ∝ their weight),
/// arrows curve clockwise so that A → B and B → A stay apart, arrow width ∝ count, and the
/// busiest arrows carry their count. For the handoff network between teams.
public enum NetworkChart {
    /// A node and its weight (e.g. handoffs received).
    public struct Node: Sendable, Equatable {
        public var name: String
        public var weight: Double
        public init(name: String, weight: Double) {
            self.name = name
            self.weight = weight
        }
    }

    /// A directed edge between node indices.
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var count: Int
        public init(from: Int, to: Int, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// The chart; `edgeLabelCount` of the heaviest edges are labelled with their count.
    /// Only the `maximumEdges` heaviest edges are drawn (a full mesh is unreadable); the
    /// footnote says how many were left out.
    public static func render(
        title: String, subtitle: String? = nil, nodes: [Node], edges allEdges: [Edge], edgeUnit: String = "handoffs",
        edgeLabelCount: Int = 8, maximumEdges: Int = 30
    ) -> String {
        let ranked = allEdges.indices.sorted { allEdges[$0].count != allEdges[$1].count ? allEdges[$0].count > allEdges[$1].count : $0 < $1 }
        let edges = ranked.prefix(maximumEdges).sorted().map { allEdges[$0] }
        let hidden = allEdges.count - edges.count
        let width = 760.0, height = 600.0
        var canvas = SVGCanvas(width: width, height: height)
        canvas.text(title, x: 12, y: 22, size: 16, weight: "600")
        if let subtitle { canvas.text(subtitle, x: 12, y: 40, size: 12, fill: ChartPalette.muted) }
        canvas.raw(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444444\"/></marker></defs>\n")
        let cx = width / 2, cy = 60 + (height - 90) / 2
        let radius = min(width - 260, height - 130) / 2
        let n = nodes.count
        let maxWeight = max(1, nodes.map(\.weight).max() ?? 1)
        let positions: [(Double, Double)] = (0..<n).map { i in
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(1, n))
            return (cx + radius * cos(angle), cy + radius * sin(angle))
        }
        let nodeRadius: [Double] = nodes.map { 8 + 18 * ($0.weight / maxWeight).squareRoot() }
        let maxCount = Double(max(1, edges.map(\.count).max() ?? 1))
        let labelled = Set(edges.indices.sorted { edges[$0].count > edges[$1].count }.prefix(edgeLabelCount))
        for (k, e) in edges.enumerated() where e.from != e.to && e.from < n && e.to < n && e.from >= 0 && e.to >= 0 {
            let (x1, y1) = positions[e.from], (x2, y2) = positions[e.to]
            let dx = x2 - x1, dy = y2 - y1
            let length = max(1, (dx * dx + dy * dy).squareRoot())
            // Control point off the chord's middle, to the right of the direction of travel.
            let bend = 0.18 * length
            let mx = (x1 + x2) / 2 - dy / length * bend, my = (y1 + y2) / 2 + dx / length * bend
            // Start and end on the circles' rims, towards the control point.
            func rim(_ px: Double, _ py: Double, _ r: Double) -> (Double, Double) {
                let vx = mx - px, vy = my - py
                let l = max(1, (vx * vx + vy * vy).squareRoot())
                return (px + vx / l * r, py + vy / l * r)
            }
            let s = rim(x1, y1, nodeRadius[e.from] + 2), t = rim(x2, y2, nodeRadius[e.to] + 4)
            let share = Double(e.count) / maxCount
            let d = "M\(SVGCanvas.n(s.0)),\(SVGCanvas.n(s.1)) Q\(SVGCanvas.n(mx)),\(SVGCanvas.n(my)) \(SVGCanvas.n(t.0)),\(SVGCanvas.n(t.1))"
            canvas.path(
                d, stroke: "#444444", width: 0.8 + 6 * share, opacity: 0.25 + 0.6 * share, marker: "arrow",
                tooltip: "\(Escape.singleLine(nodes[e.from].name)) → \(Escape.singleLine(nodes[e.to].name)): \(ReportFormat.count(e.count)) \(edgeUnit)")
            if labelled.contains(k) {
                // The curve's midpoint is halfway between the chord middle and the control point.
                let lx = ((x1 + x2) / 2 + mx) / 2, ly = ((y1 + y2) / 2 + my) / 2
                canvas.rect(x: lx - 16, y: ly - 9, width: 32, height: 14, fill: "#ffffff", opacity: 0.85)
                canvas.text(ReportFormat.count(e.count), x: lx, y: ly + 2, size: 10, anchor: "middle", weight: "600")
            }
        }
        for (i, node) in nodes.enumerated() {
            let (x, y) = positions[i]
            canvas.circle(
                cx: x, cy: y, r: nodeRadius[i], fill: ChartPalette.color(i), stroke: "#222222",
                tooltip: "\(Escape.singleLine(node.name)): \(ReportFormat.number(node.weight, digits: 0))")
            let angle = atan2(y - cy, x - cx)
            let lx = x + cos(angle) * (nodeRadius[i] + 8), ly = y + sin(angle) * (nodeRadius[i] + 8) + 4
            let anchor = abs(cos(angle)) < 0.3 ? "middle" : (cos(angle) > 0 ? "start" : "end")
            canvas.text(Escape.truncated(Escape.singleLine(node.name), to: 24), x: lx, y: ly + (sin(angle) > 0.9 ? 8 : 0), size: 12, anchor: anchor)
        }
        var note = "circle area ∝ \(edgeUnit) received · arrow width ∝ \(edgeUnit) · numbers: the \(min(edgeLabelCount, edges.count)) busiest arrows"
        if hidden > 0 { note += " · \(hidden) smaller directions not drawn" }
        canvas.text(note, x: 12, y: height - 12, size: 11, fill: ChartPalette.muted)
        let top = allEdges.sorted { $0.count > $1.count }.prefix(10).compactMap { e -> String? in
            guard e.from < n, e.to < n, e.from >= 0, e.to >= 0 else { return nil }
            return "\(Escape.singleLine(nodes[e.from].name)) to \(Escape.singleLine(nodes[e.to].name)) \(e.count)"
        }
        return canvas.render(title: title, description: "\(n) teams, \(allEdges.count) directions; busiest: " + top.joined(separator: "; "))
    }
}
