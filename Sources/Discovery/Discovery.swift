import EventLog

/// Process discovery over an ``EventLog``: directly-follows graphs (frequency and
/// performance), variants, case durations, activity statistics, handover of work,
/// filters, and DOT/JSON/SVG output of process maps.
///
/// Every analysis classifies events once (``ActivityClassifier``: `concept:name`, with
/// `lifecycle:transition`, or any attribute list) and then works on flat arrays of codes,
/// split by case slices over the cores; partial results merge, so the same code can run
/// partitioned elsewhere. Results follow pm4py's definitions (see each type).
public enum Discovery {
    /// The four core analyses of a log, computed from one classification.
    public struct Overview: Sendable {
        public var dfg: DirectlyFollowsGraph
        public var performance: PerformanceDFG
        public var variants: VariantTable
        public var caseDurations: CaseDurations
    }

    /// DFG, performance DFG, variants and case durations of `log`.
    /// Cost: about five passes over the event columns, each split over the cores.
    public static func overview(_ log: EventLog, classifier: ActivityClassifier = .activity) throws(DiscoveryError) -> Overview {
        let classes = try classifier.classes(of: log)
        return Overview(
            dfg: DirectlyFollowsGraph(log: log, classes: classes),
            performance: PerformanceDFG(log: log, classes: classes),
            variants: VariantTable(log: log, classes: classes),
            caseDurations: CaseDurations(log: log))
    }
}
