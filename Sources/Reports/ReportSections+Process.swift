import KPI

extension ReportBuilder {
    /// The discovered process map.
    static func processMapSection(_ a: ReportAnalysis) -> ReportSection {
        var paragraphs = [
            "The directly-follows map of the whole log: boxes are activities with their event counts (darker = more frequent), "
                + "arrows are activities that directly follow each other, as wide as they are frequent."
        ]
        var figures: [ReportFigure] = []
        if let svg = a.processMapSVG {
            if let note = a.processMapNote { paragraphs.append("Shown: \(note).") }
            figures.append(ReportFigure(name: "process-map", caption: "Process map (directly-follows graph) discovered from the log.", svg: svg))
        } else {
            paragraphs.append(a.processMapNote ?? "The process map could not be drawn.")
        }
        return ReportSection(
            id: "process-map", title: "Process map", paragraphs: paragraphs, figures: figures,
            code: """
                # The map is also exported as process-map.svg; `switchyard discover LOG --out map.json` gives its data.
                from IPython.display import SVG
                SVG(filename="process-map.svg")
                """)
    }

    /// The handoff network between teams.
    static func handoffSection(_ a: ReportAnalysis) -> ReportSection {
        let net = a.network
        let received = net.received
        let nodes = net.owners.enumerated().map { NetworkChart.Node(name: $0.element, weight: Double(received[$0.offset])) }
        let edges = net.edges.map { NetworkChart.Edge(from: $0.from, to: $0.to, count: $0.count) }
        let r = a.kpi.overall.routing
        var paragraphs = [
            "\(ReportFormat.count(net.total)) handoffs between \(net.owners.count) teams; \(ReportFormat.percent(r.handedOffRate)) of exceptions were handed off "
                + "at least once and \(ReportFormat.percent(r.pingPongRate)) came back to a team that had already held them (ping-pong)."
        ]
        if let top = net.edges.first {
            paragraphs.append(
                "The busiest route is \(net.owners[top.from]) → \(net.owners[top.to]) with \(ReportFormat.count(top.count)) handoffs "
                    + "(\(ReportFormat.percent(net.total > 0 ? Double(top.count) / Double(net.total) : 0)) of all).")
        }
        let chart = NetworkChart.render(
            title: "Handoff network between teams", subtitle: "owner changes within exceptions, whole log", nodes: nodes, edges: edges)
        let table = ReportTable(
            caption: "Busiest handoffs",
            header: ["from", "to", "handoffs", "share"],
            rows: net.edges.prefix(15).map { e in
                [net.owners[e.from], net.owners[e.to], ReportFormat.count(e.count), ReportFormat.percent(net.total > 0 ? Double(e.count) / Double(net.total) : 0)]
            }, numericColumns: [2, 3])
        return ReportSection(
            id: "handoffs", title: "Handoff network between teams", paragraphs: paragraphs,
            figures: [ReportFigure(name: "handoff-network", caption: "Handoffs between teams: arrow width by count.", svg: chart)],
            tables: [table],
            code: """
                sequences = exceptions.owner_sequence.dropna().str.split(" > ")
                pairs = pd.Series([(a, b) for s in sequences for a, b in zip(s, s[1:])])
                pairs.value_counts().head(15)
                """)
    }
}
