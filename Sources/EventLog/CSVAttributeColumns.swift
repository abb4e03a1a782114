/// Builds the typed attribute columns of a parsed CSV file, one share of the columns per job.
enum CSVAttributeColumns {
    /// Builds columns `group`, `group + groups`, … of `set` with the types their masks give,
    /// into `slots`. The job walks the rows once for all its constant columns (one row per
    /// case) and once for all its other columns (one row per event, in file order, reordered
    /// by `order` afterwards), so that a row's cells are read together.
    static func build(
        group: Int, of groups: Int, set: CSVAttributeSet, layout: CSVColumnLayout, order: [UInt32],
        source: CSVValueSource, timestamps: CSVTimestampReader, into slots: CSVSlots<AttributeColumn>
    ) {
        let count = set.count
        guard count > 0, groups > 0 else { return }
        var times = timestamps
        let mine = Array(stride(from: group, to: count, by: groups))
        let perCase = mine.filter { set.constant[$0] }, perEvent = mine.filter { !set.constant[$0] }
        let cases = set.recordStart.count
        func builder(_ k: Int, rows: Int) -> CSVColumnBuilder {
            CSVColumnBuilder(
                name: layout.names[layout.attributeIndices[k]], type: CSVAttributeTyping.type(of: set.typeMasks[k]), rows: rows)
        }
        var caseBuilders = perCase.map { builder($0, rows: cases) }
        set.recordStart.withUnsafeBufferPointer { starts in
            for c in 0..<cases {
                // Walk the case's record once: lengths first, then the cells in column order.
                let start = starts[c]
                var cursor = start + 4 * count
                var next = 0
                for k in 0..<count where next < perCase.count {
                    let length = source.records.loadUnaligned(fromByteOffset: start + 4 * k, as: UInt32.self)
                    let stored = length == CSVAttributeSet.missingLength ? 0 : Int(length)
                    if perCase[next] == k {
                        let ref = length == CSVAttributeSet.missingLength
                            ? CSVValueRef.missing : CSVValueRef.make(CSVValueRef.inRecords, offset: cursor, length: stored)
                        caseBuilders[next].append(ref, source, &times)
                        next += 1
                    }
                    cursor += stored
                }
            }
        }
        for (i, k) in perCase.enumerated() { slots.set(k, caseBuilders[i].finish(order: nil)) }
        caseBuilders = []
        var eventBuilders = perEvent.map { builder($0, rows: order.count) }
        for e in 0..<order.count {
            for i in perEvent.indices { eventBuilders[i].append(set.perEvent[perEvent[i]][e], source, &times) }
        }
        for (i, k) in perEvent.enumerated() { slots.set(k, eventBuilders[i].finish(order: order)) }
    }
}
