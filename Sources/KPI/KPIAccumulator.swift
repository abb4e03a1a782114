import EventLog
import Lifecycle

/// All KPI accumulators of a computation: tables go in (``add(_:)``), accumulators of other
/// partitions merge in (``merge(_:)``), and ``finish()`` reads out the ``KPIReport``.
///
/// Two slicings are kept in the one pass: the user's (up to two dimensions; the overall
/// figures are the merge of its slices) and category × ``KPIOptions/compareWithin`` with
/// only what the drag ranking needs.
/// Recurrence rows and the backlog's day arrays are kept whole and decided at the end.
/// Results do not depend on how exceptions are split or in what order partitions merge, as
/// long as every partition uses the same options and as-of instant.
/// Cost: O(rows) per table; memory 24 bytes per row for the recurrence ledger, up to 8 bytes
/// per row and duration measure while a slice's sketches are exact, about 1 kB per slice;
/// ``finish()`` is O(rows + slices × bins).
public struct KPIAccumulator: Sendable {
    public let options: KPIOptions
    public let asOf: Int64
    private var drag: Grouping<DragAccumulator>
    private var slicing: Grouping<SliceAccumulator>
    private var ledger = RecurrenceLedger()
    private var series: BacklogSeries
    private var unusable = UnusableCounts(neverAssigned: 0, noEvents: 0)
    private var outsideWindow = 0
    private var compareFound = false
    private var profiles: [String] = []
    private var warnings: [String] = []

    /// An empty accumulator. Throws when more than two slicing dimensions are asked for.
    public init(options: KPIOptions, asOf: Int64) throws(KPIError) {
        guard options.slicing.count <= 2 else {
            throw KPIError("slice by at most two dimensions (got \(options.slicing.count): \(options.slicing.joined(separator: ", ")))")
        }
        self.options = options
        self.asOf = asOf
        drag = Grouping(names: ["category"] + (options.compareWithin.map { [$0] } ?? []))
        slicing = Grouping(names: options.slicing)
        series = BacklogSeries(now: asOf)
    }

    /// Adds every exception of `table` detected inside the options' window. Throws when a
    /// slicing dimension is not in the table or the business calendar is invalid.
    public mutating func add(_ table: ExceptionTable) throws(KPIError) {
        var userMapper = try SliceMapper(names: slicing.names, table: table)
        var dragMapper = SliceMapper(lenient: drag.names, table: table)
        if dragMapper.resolved.count == 2, dragMapper.resolved[1] { compareFound = true }
        let rows = selectedRows(table)
        outsideWindow += table.count - rows.count
        for u in table.unusable {
            switch u.reason {
            case .noOwner: unusable.neverAssigned += 1
            case .noEvents: unusable.noEvents += 1
            }
        }
        if !profiles.contains(table.profileName) { profiles.append(table.profileName) }
        for w in table.warnings where !warnings.contains(w) { warnings.append(w) }
        guard let firstDetection = rows.lazy.map({ table.detectedAt[$0] }).min() else { return }
        var business: BusinessHours?
        if let calendar = options.businessCalendar {
            // At most about 20 years of days before now; earlier instants clamp to the range.
            let hi = Int(asOf.floorDiv(microsPerDay)) + 2
            let lo = max(Int(firstDetection.floorDiv(microsPerDay)) - 2, hi - BusinessHours.maximumDays)
            business = try BusinessHours(calendar, days: lo...max(lo, hi))
        }
        if slicing.slices.isEmpty { slicing.reserve(min(userMapper.expectedSlices, rows.count)) }
        let reader = RowFactsReader(table: table, now: asOf, dueSoonHours: options.dueSoonHours, business: business)
        let codes = ledger.codes(for: table)
        let channels = series.channels(for: table)
        series.extend(toDay: Int(firstDetection.floorDiv(microsPerDay)))
        let hasSince = table.ownerSince.count == table.ownerSequence.count
        let owners = table.ownerSequence, since = table.ownerSince, offsets = table.ownerSequenceOffsets
        for r in rows {
            let f = reader.facts(r)
            let d = dragMapper.slice(ofRow: r, in: &drag)
            let s = userMapper.slice(ofRow: r, in: &slicing)
            drag.slices[d].add(f)
            slicing.slices[s].add(f)
            ledger.append(row: r, codes: codes, detectedAt: f.detectedAt, slice: s)
            let spells = hasSince ? offsets[r]..<offsets[r + 1] : 0..<0
            series.add(f, owners: owners, since: since, spells: spells, channels: channels, now: asOf)
        }
    }

    /// Rows detected in `[from, to)` and not after the as-of instant.
    private func selectedRows(_ table: ExceptionTable) -> [Int] {
        let from = options.from ?? .min, to = options.to ?? .max
        var out: [Int] = []
        out.reserveCapacity(table.count)
        for r in 0..<table.count {
            let t = table.detectedAt[r]
            if t >= from, t < to, t <= asOf { out.append(r) }
        }
        return out
    }

    /// Adds another partition's accumulators. Throws when it was made with other options or another as-of instant.
    public mutating func merge(_ other: KPIAccumulator) throws(KPIError) {
        guard other.options == options, other.asOf == asOf else {
            throw KPIError("cannot merge KPI accumulators made with different options or as-of instants "
                + "(\(Timestamp.iso8601(asOf)) vs \(Timestamp.iso8601(other.asOf)))")
        }
        drag.merge(other.drag)
        let slicingMap = slicing.merge(other.slicing)
        ledger.merge(other.ledger, sliceMap: slicingMap)
        series.merge(other.series)
        unusable.neverAssigned += other.unusable.neverAssigned
        unusable.noEvents += other.unusable.noEvents
        outsideWindow += other.outsideWindow
        compareFound = compareFound || other.compareFound
        for p in other.profiles where !profiles.contains(p) { profiles.append(p) }
        for w in other.warnings where !warnings.contains(w) { warnings.append(w) }
    }

    /// The report. Cost: O(rows) for recurrence, O(slices × bins) for the rest.
    public func finish() -> KPIReport {
        let days = Int64(min(max(options.recurrenceWindowDays, 0), 1_000_000))
        let window = days * microsPerDay
        let flags = ledger.flags(windowMicros: window)
        // Per slice (and in all) the rows that recur; kept aside so the slices are not copied.
        var recurring = [(customerCategory: Int, order: Int)](repeating: (0, 0), count: slicing.slices.count)
        var recurringAll = (customerCategory: 0, order: 0)
        for r in flags.order.indices {
            let s = Int(ledger.slices[r])
            if flags.customerCategory[r] {
                recurring[s].customerCategory += 1
                recurringAll.customerCategory += 1
            }
            if flags.order[r] {
                recurring[s].order += 1
                recurringAll.order += 1
            }
        }
        var all = SliceAccumulator()
        for i in slicing.slices.indices { all.merge(slicing.slices[i]) }
        let context = SliceAccumulator.Context(
            business: options.businessCalendar != nil, orders: nil, windowDays: options.recurrenceWindowDays,
            customerCategoryKnown: ledger.customerCategoryKnown, orderKnown: ledger.orderKnown)
        var overallContext = context
        overallContext.orders = options.orderCount
        // Slices in label order (labels joined with a separator that sorts below every character).
        let keys = slicing.labels.map { $0.joined(separator: "\u{0}") }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let slices: [SliceKPIs] = options.slicing.isEmpty ? [] : order.map { (i: Int) -> SliceKPIs in
            slicing.slices[i].kpis(labels: slicing.labels[i], context: context, recurring: recurring[i])
        }
        let compare = drag.names.count == 2 && compareFound ? drag.names[1] : nil
        return KPIReport(
            profile: profiles.sorted().joined(separator: ", "), asOf: asOf, from: options.from, to: options.to,
            dimensions: options.slicing, unusable: unusable, outsideWindow: outsideWindow,
            businessCalendar: options.businessCalendar != nil,
            overall: all.kpis(labels: [], context: overallContext, recurring: recurringAll), slices: slices,
            drag: DragRanking(drag, compareWithin: compare, minimumComparableSize: options.minimumComparableSize),
            backlog: series.report(granularity: options.granularity), warnings: warnings.sorted())
    }
}
