/// Every measure of one slice, as mergeable accumulators.
///
/// ``add(_:)`` folds in one row (O(1): counters, exact sums and a few sketch inserts);
/// ``merge(_:)`` folds in another slice's accumulators; ``kpis(labels:context:)`` reads them out.
struct SliceAccumulator: SliceMergeable {
    var volume = VolumeCounts()
    var cycle = CycleTimeStats()
    var touch = FirstTouchStats()
    var routing = RoutingCounts()
    var firstTouchResolved = 0
    var recurrence = RecurrenceCounts()
    var sla = SLACounts()
    var backlog = BacklogCounts()
    var revenue = RevenueSums()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        volume.add(f)
        cycle.add(f)
        touch.add(f)
        routing.add(f)
        if FirstTouchResolutionKPIs.counts(f) { firstTouchResolved += 1 }
        recurrence.add(f)
        sla.add(f)
        backlog.add(f)
        revenue.add(f)
    }

    mutating func merge(_ o: SliceAccumulator) {
        volume.merge(o.volume)
        cycle.merge(o.cycle)
        touch.merge(o.touch)
        routing.merge(o.routing)
        firstTouchResolved += o.firstTouchResolved
        recurrence.merge(o.recurrence)
        sla.merge(o.sla)
        backlog.merge(o.backlog)
        revenue.merge(o.revenue)
    }

    /// Settings the read-out needs.
    struct Context {
        var business: Bool
        var orders: Int?
        var windowDays: Int
        var customerCategoryKnown: Bool
        var orderKnown: Bool
    }

    /// The KPIs; `recurring` are the slice's rows that recur (decided across all rows).
    func kpis(labels: [String], context c: Context, recurring: (customerCategory: Int, order: Int)) -> SliceKPIs {
        var recurrence = self.recurrence
        recurrence.sameCustomerCategory = recurring.customerCategory
        recurrence.sameOrder = recurring.order
        return SliceKPIs(
            labels: labels,
            volume: VolumeKPIs(volume, orders: c.orders),
            cycleTime: CycleTimeKPIs(cycle, business: c.business),
            firstTouch: FirstTouchKPIs(touch),
            routing: RoutingKPIs(routing),
            firstTouchResolution: FirstTouchResolutionKPIs(count: firstTouchResolved, resolved: routing.resolved),
            recurrence: RecurrenceKPIs(
                recurrence, exceptions: volume.detected, windowDays: c.windowDays,
                customerCategoryKnown: c.customerCategoryKnown, orderKnown: c.orderKnown),
            sla: SLAKPIs(sla),
            backlog: BacklogNowKPIs(backlog),
            revenue: RevenueKPIs(revenue))
    }
}

/// Every KPI of one slice (or of all exceptions, with no labels).
public struct SliceKPIs: Sendable, Equatable, Codable {
    /// The slice's value of each slicing dimension, in order; empty for the overall figures.
    public var labels: [String]
    public var volume: VolumeKPIs
    public var cycleTime: CycleTimeKPIs
    public var firstTouch: FirstTouchKPIs
    public var routing: RoutingKPIs
    public var firstTouchResolution: FirstTouchResolutionKPIs
    public var recurrence: RecurrenceKPIs
    public var sla: SLAKPIs
    public var backlog: BacklogNowKPIs
    public var revenue: RevenueKPIs

    enum CodingKeys: String, CodingKey {
        case labels, volume
        case cycleTime = "cycle_time"
        case firstTouch = "first_touch"
        case routing
        case firstTouchResolution = "first_touch_resolution"
        case recurrence, sla, backlog, revenue
    }
}
