import EventLog

/// One filter on a log, applied before any analysis. Filters compose: ``EventLog/filtered(_:)``
/// applies a list in order, each to the result of the one before.
///
/// The choices follow pm4py's simplified filtering API (`filter_time_range`,
/// `filter_event_attribute_values`, `filter_variants_top_k`, `filter_case_performance`,
/// `filter_start_activities`, `filter_end_activities`).
public enum LogFilter: Sendable, Equatable {
    /// Which cases or events a time frame keeps.
    public enum TimeFrameMode: String, Sendable, CaseIterable {
        /// Cases that start and end inside the frame.
        case contained
        /// Cases with some time inside the frame (they start before its end and end after its start).
        case intersecting
        /// Cases whose first event is inside the frame.
        case startedIn = "started"
        /// Cases whose last event is inside the frame.
        case completedIn = "completed"
        /// Events inside the frame; other events are removed (cases may be cut).
        case events
    }

    /// Whether an attribute filter decides per event or per case.
    public enum Scope: String, Sendable {
        /// Keep (or drop) the events that have one of the values.
        case events
        /// Keep (or drop) whole cases with at least one event that has one of the values.
        case cases
    }

    /// Keeps cases or events by the time frame `from ... to` (microseconds, UTC, inclusive).
    case timeFrame(from: Int64, to: Int64, mode: TimeFrameMode)
    /// Keeps (`keep: true`) or drops the events or cases that have one of `values` for `attribute`.
    case attributeValues(attribute: String, values: Set<String>, keep: Bool, scope: Scope)
    /// Keeps the cases of the `k` most frequent variants (by `concept:name`).
    case topVariants(Int)
    /// Keeps cases whose duration lies in `min ... max` microseconds (either bound optional).
    case caseDuration(min: Int64?, max: Int64?)
    /// Keeps cases whose first activity is one of these.
    case startActivities(Set<String>)
    /// Keeps cases whose last activity is one of these.
    case endActivities(Set<String>)
}

extension EventLog {
    /// The log after `filters`, applied in order. Cost: one pass per filter plus one copy of
    /// the kept events per filter that removes something.
    ///
    /// - Throws: ``DiscoveryError`` when a filter names an attribute the log lacks.
    public func filtered(_ filters: [LogFilter]) throws(DiscoveryError) -> EventLog {
        var log = self
        for f in filters { log = try log.filtered(f) }
        return log
    }

    /// The log after one filter.
    public func filtered(_ filter: LogFilter) throws(DiscoveryError) -> EventLog {
        switch filter {
        case .timeFrame(let from, let to, let mode):
            if mode == .events {
                return keepingEvents(timestamp.map { $0 >= from && $0 <= to })
            }
            return keepingCasesWhere { first, last in
                switch mode {
                case .contained: first >= from && last <= to
                case .intersecting: first <= to && last >= from
                case .startedIn: first >= from && first <= to
                case .completedIn: last >= from && last <= to
                case .events: true
                }
            }
        case .attributeValues(let attribute, let values, let keep, let scope):
            let coded = try AttributeCodes(self, attribute: attribute)
            let wanted = coded.names.map { values.contains($0) }
            let matches = coded.codes.map { $0 != StringPool.missing && wanted[Int($0)] }
            if scope == .events { return keepingEvents(matches.map { $0 == keep }) }
            let hit = (0..<caseCount).map { c in events(ofCase: c).contains { matches[$0] } }
            return keepingCases(hit.map { $0 == keep })
        case .topVariants(let k):
            let table = VariantTable(log: self, classes: EventClasses(codes: activity, names: activities.strings))
            return keepingCases(table.variantOfCase.map { $0 >= 0 && Int($0) < k })
        case .caseDuration(let lo, let hi):
            return keepingCasesWhere { first, last in
                let d = last - first
                return (lo.map { d >= $0 } ?? true) && (hi.map { d <= $0 } ?? true)
            }
        case .startActivities(let names):
            let wanted = activities.strings.map { names.contains($0) }
            return keepingCases((0..<caseCount).map { c in
                let r = events(ofCase: c)
                guard let e = r.first, activity[e] != StringPool.missing else { return false }
                return wanted[Int(activity[e])]
            })
        case .endActivities(let names):
            let wanted = activities.strings.map { names.contains($0) }
            return keepingCases((0..<caseCount).map { c in
                let r = events(ofCase: c)
                guard let e = r.last, activity[e] != StringPool.missing else { return false }
                return wanted[Int(activity[e])]
            })
        }
    }

    private func keepingCasesWhere(_ keep: (_ first: Int64, _ last: Int64) -> Bool) -> EventLog {
        keepingCases((0..<caseCount).map { c in
            let r = events(ofCase: c)
            guard let lo = r.first, let hi = r.last else { return false }
            return keep(timestamp[lo], timestamp[hi])
        })
    }
}
