import Foundation

/// Turns the parsed events of a CSV file (file order) into an ``EventLog``: grouped by case
/// in first-seen order, stably sorted by time within each case, extra columns typed, and
/// columns constant within every case moved to the case attributes.
///
/// Cost: a counting sort by case (4 bytes per event for the permutation), one gather per
/// column, and a sort only for cases whose events are out of time order. Each source column
/// is freed as soon as it has been gathered, so the peak stays near one extra column.
enum CSVLogAssembly {
    static func assemble(
        _ chunk: inout CSVChunk, layout: CSVColumnLayout, file: UnsafeRawBufferPointer, timestamps: CSVTimestampReader,
        threads: Int
    ) -> EventLog {
        let n = chunk.eventCount
        let caseCount = chunk.caseIDs.count
        var offsets = [Int](repeating: 0, count: caseCount + 1)
        for c in chunk.caseOfEvent { offsets[Int(c) + 1] += 1 }
        for c in 0..<caseCount { offsets[c + 1] += offsets[c] }
        var order = [UInt32](repeating: 0, count: n)
        do {
            var cursor = offsets
            chunk.caseOfEvent.withUnsafeBufferPointer { cases in
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
        }
        chunk.caseOfEvent = []

        var time = gather(chunk.timestamp, order)
        sortCasesByTime(&order, &time, offsets: offsets, fileOrderTimes: chunk.timestamp)
        chunk.timestamp = []

        var log = EventLog()
        log.caseIDs = chunk.caseIDs
        log.caseOffsets = offsets
        log.timestamp = time
        log.activity = gather(chunk.activity, order)
        chunk.activity = []
        log.activities = chunk.activities
        log.resource = codes(chunk.resource, order, n)
        chunk.resource = []
        log.resources = chunk.resources
        log.group = codes(chunk.group, order, n)
        chunk.group = []
        log.groups = chunk.groups
        log.lifecycle = codes(chunk.lifecycle, order, n)
        chunk.lifecycle = []
        log.lifecycles = chunk.lifecycles

        let set = chunk.attributes
        chunk.attributes = CSVAttributeSet(count: 0)
        let columns = typedColumns(set, layout: layout, order: order, file: file, timestamps: timestamps, threads: threads)
        let firstRows = (0..<caseCount).map { offsets[$0] }
        for (k, column) in columns.enumerated() {
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

    /// Builds every attribute column with the type its mask gives. Columns are shared out
    /// among up to `threads` threads; each thread walks the rows once for all its constant
    /// columns (one row per case) and once for all its other columns (one row per event, in
    /// file order, reordered afterwards), so a row's cells are read while in cache.
    private static func typedColumns(
        _ set: CSVAttributeSet, layout: CSVColumnLayout, order: [UInt32], file: UnsafeRawBufferPointer,
        timestamps: CSVTimestampReader, threads: Int
    ) -> [AttributeColumn] {
        let count = set.count
        guard count > 0 else { return [] }
        let slots = UnsafeMutablePointer<AttributeColumn?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        let box = CSVColumnSlots(slots)
        let groups = threads > 1 && order.count > 100_000 ? min(threads, count) : 1
        let cases = set.caseFirst.count / count
        set.arena.withUnsafeBytes { arena in
            let source = CSVValueSource(file: file, arena: arena)
            let build: (Int) -> Void = { group in
                var times = timestamps
                let mine = stride(from: group, to: count, by: groups)
                let perCase = mine.filter { set.constant[$0] }, perEvent = mine.filter { !set.constant[$0] }
                func builder(_ k: Int, rows: Int) -> CSVColumnBuilder {
                    CSVColumnBuilder(
                        name: layout.names[layout.attributeIndices[k]], type: CSVAttributeTyping.type(of: set.typeMasks[k]),
                        rows: rows)
                }
                var caseBuilders = perCase.map { builder($0, rows: cases) }
                for c in 0..<cases {
                    for (i, k) in perCase.enumerated() { caseBuilders[i].append(set.caseFirst[c * count + k], source, &times) }
                }
                for (i, k) in perCase.enumerated() { box.pointer[k] = caseBuilders[i].finish(order: nil) }
                caseBuilders = []
                var eventBuilders = perEvent.map { builder($0, rows: order.count) }
                for e in 0..<order.count {
                    for (i, k) in perEvent.enumerated() { eventBuilders[i].append(set.perEvent[k][e], source, &times) }
                }
                for (i, k) in perEvent.enumerated() { box.pointer[k] = eventBuilders[i].finish(order: order) }
            }
            if groups > 1 {
                let shared = CSVUnsafeSendable(build)
                DispatchQueue.concurrentPerform(iterations: groups) { shared.value($0) }
            } else {
                build(0)
            }
        }
        return (0..<count).map { slots[$0] ?? AttributeColumn(name: layout.names[layout.attributeIndices[$0]], type: .string) }
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

    /// `source` gathered by `order`, or all missing codes when the column is absent.
    private static func codes(_ source: [UInt32], _ order: [UInt32], _ n: Int) -> [UInt32] {
        source.isEmpty ? [UInt32](repeating: StringPool.missing, count: n) : gather(source, order)
    }

    /// `source[order[i]]` for every `i`.
    static func gather<T>(_ source: [T], _ order: [UInt32]) -> [T] {
        source.withUnsafeBufferPointer { s in
            order.withUnsafeBufferPointer { o in
                [T](unsafeUninitializedCapacity: o.count) { out, count in
                    for i in 0..<o.count { out.initializeElement(at: i, to: s[Int(o[i])]) }
                    count = o.count
                }
            }
        }
    }
}

/// Result slots for columns built on several threads, one slot per column.
private final class CSVColumnSlots: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<AttributeColumn?>
    init(_ pointer: UnsafeMutablePointer<AttributeColumn?>) { self.pointer = pointer }
}

/// Carries a closure that only reads shared state (and writes its own slot) to other threads.
private struct CSVUnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
