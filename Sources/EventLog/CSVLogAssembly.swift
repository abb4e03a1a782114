import Foundation

/// Turns the parsed events of a CSV file (file order) into an ``EventLog``: grouped by case
/// in first-seen order, stably sorted by time within each case, extra columns typed, and
/// columns constant within every case moved to the case attributes.
///
/// Cost: a counting sort by case (4 bytes per event for the permutation), one gather per
/// column, and a sort only for cases whose events are out of time order. The grouping runs
/// beside the case-constant columns (they need no order); the gathers and per-event columns
/// follow, each its own job, costliest first.
enum CSVLogAssembly {
    static func assemble(
        _ chunk: inout CSVChunk, layout: CSVColumnLayout, file: UnsafeRawBufferPointer, timestamps: CSVTimestampReader,
        threads: Int, clock: inout ImportPhaseClock
    ) -> EventLog {
        let n = chunk.eventCount
        let caseCount = chunk.caseIDs.count
        let caseOfEvent = chunk.caseOfEvent, fileOrderTimes = chunk.timestamp
        let codeSources = [chunk.activity, chunk.resource, chunk.group, chunk.lifecycle]
        (chunk.caseOfEvent, chunk.timestamp) = ([], [])
        (chunk.activity, chunk.resource, chunk.group, chunk.lifecycle) = ([], [], [], [])
        let set = chunk.attributes
        chunk.attributes = CSVAttributeSet(count: 0)

        var log = EventLog()
        // The case pool, complete now, drops its interning hashes as one of the jobs.
        let casePool = JobSlots<StringPool>(1)
        casePool.set(0, chunk.caseIDs)
        chunk.caseIDs = StringPool()
        log.activities = chunk.activities
        log.resources = chunk.resources
        log.groups = chunk.groups
        log.lifecycles = chunk.lifecycles

        let grouping = JobSlots<CaseGrouping>(1)
        let codeSlots = JobSlots<[UInt32]>(codeSources.count)
        let attributeSlots = JobSlots<AttributeColumn>(set.count)
        set.escapes.withUnsafeBytes { escapes in set.records.withUnsafeBytes { records in
            let source = CSVValueSource(file: file, escapes: escapes, records: records)
            // Costliest jobs first, so that the threads finish together: a gather is about half
            // a numeric column's work; a column of distinct strings several times more.
            let costs = (0..<set.count).map { CSVColumnCost.estimate($0, set: set, events: n, source: source) }
            func build(_ k: Int, _ order: [UInt32]) {
                CSVAttributeColumns.build(
                    k, cost: costs[k], set: set, layout: layout, order: order, source: source, timestamps: timestamps,
                    into: attributeSlots)
            }
            // First the grouping by case, beside the case-constant columns, which need no order.
            let constant = (0..<set.count).filter { set.constant[$0] }.sorted { costs[$0].units > costs[$1].units }
            ParallelJobs.run(jobs: 2 + constant.count, threads: threads) { i in
                if i == 0 {
                    grouping.set(0, groupByCase(caseOfEvent, fileOrderTimes, caseCount: caseCount))
                } else if i <= constant.count {
                    build(constant[i - 1], [])
                } else if var pool = casePool.take(0) {
                    pool.dropHashes()
                    casePool.set(0, pool)
                }
            }
            guard let grouped = grouping.take(0) else { return }
            log.caseOffsets = grouped.offsets
            log.timestamp = grouped.time
            // Then the columns that follow the events: gathers and per-event attributes.
            let order = grouped.order
            var jobs = (0..<set.count).filter { !set.constant[$0] }.map { (job: $0, units: costs[$0].units) }
            for (c, codes) in codeSources.enumerated() where !codes.isEmpty || c == 0 {
                // An absent column (the file has none) stays absent: it is no job.
                jobs.append((set.count + c, Double(n) / 2))
            }
            jobs.sort { $0.units > $1.units }
            ParallelJobs.run(jobs: jobs.count, threads: threads) { i in
                let job = jobs[i].job
                if job >= set.count {
                    codeSlots.set(job - set.count, codeSources[job - set.count].gathered(by: order))
                } else {
                    build(job, order)
                }
            }
        } }
        let offsets = log.caseOffsets
        log.caseIDs = casePool.take(0) ?? StringPool()
        log.activity = codeSlots.take(0) ?? []
        log.resource = codeSlots.take(1).map(CodeColumn.init) ?? CodeColumn(absent: n)
        log.group = codeSlots.take(2).map(CodeColumn.init) ?? CodeColumn(absent: n)
        log.lifecycle = codeSlots.take(3).map(CodeColumn.init) ?? CodeColumn(absent: n)

        clock.lap("group by case, sort by time; columns")
        let firstRows = (0..<caseCount).map { offsets[$0] }
        for k in 0..<set.count {
            guard let column = attributeSlots.take(k) else { continue }
            if set.constant[k] {
                log.caseAttributes.append(column)
            } else if isConstantWithinCases(column, offsets: offsets) {
                // Distinct texts can type to one value (`1.0`, `1.00`): checked again once typed.
                log.caseAttributes.append(column.permuted(by: firstRows))
            } else {
                log.eventAttributes.append(column)
            }
        }
        return log
    }

    /// Events grouped by case: `order[i]` is the file position of the `i`-th event in the
    /// log, `offsets` the first event of each case, `time` the events' timestamps in that order.
    struct CaseGrouping {
        var order: [UInt32]
        var time: [Int64]
        var offsets: [Int]
    }

    /// A counting sort by case (first-seen case order, file order inside a case), then a
    /// stable sort by time of the cases that need it.
    static func groupByCase(_ caseOfEvent: [UInt32], _ fileOrderTimes: [Int64], caseCount: Int) -> CaseGrouping {
        let n = caseOfEvent.count
        var offsets = [Int](repeating: 0, count: caseCount + 1)
        for c in caseOfEvent { offsets[Int(c) + 1] += 1 }
        for c in 0..<caseCount { offsets[c + 1] += offsets[c] }
        var order = [UInt32](repeating: 0, count: n)
        var cursor = offsets
        caseOfEvent.withUnsafeBufferPointer { cases in
            order.withUnsafeMutableBufferPointer { out in
                cursor.withUnsafeMutableBufferPointer { next in
                    for e in 0..<cases.count {
                        let c = Int(cases[e])
                        out[next[c]] = UInt32(e)
                        next[c] += 1
                    }
                }
            }
        }
        var time = fileOrderTimes.gathered(by: order)
        sortCasesByTime(&order, &time, offsets: offsets, fileOrderTimes: fileOrderTimes)
        return CaseGrouping(order: order, time: time, offsets: offsets)
    }

    /// Sorts, within each case, the events that are out of time order; ties keep file order.
    private static func sortCasesByTime(_ order: inout [UInt32], _ time: inout [Int64], offsets: [Int], fileOrderTimes: [Int64]) {
        for c in 0..<(offsets.count - 1) {
            let lo = offsets[c], hi = offsets[c + 1]
            var sorted = true
            var k = lo + 1
            while k < hi {
                if time[k] < time[k - 1] {
                    sorted = false
                    break
                }
                k += 1
            }
            if sorted { continue }
            // Within a case, `order` is ascending file position, so breaking ties on it is stable.
            let slice = order[lo..<hi].sorted { a, b in
                let ta = fileOrderTimes[Int(a)], tb = fileOrderTimes[Int(b)]
                return ta != tb ? ta < tb : a < b
            }
            for (i, e) in slice.enumerated() {
                order[lo + i] = e
                time[lo + i] = fileOrderTimes[Int(e)]
            }
        }
    }

    private static func isConstantWithinCases(_ column: AttributeColumn, offsets: [Int]) -> Bool {
        for c in 0..<(offsets.count - 1) {
            let lo = offsets[c]
            var e = lo + 1
            while e < offsets[c + 1] {
                if !column.sameValue(lo, e) { return false }
                e += 1
            }
        }
        return true
    }
}
