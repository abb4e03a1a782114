/// Builds the typed attribute columns of a parsed CSV file, one column per job.
enum CSVAttributeColumns {
    /// Builds column `k` of `set` with the type its mask gives, into `slots`: a constant
    /// column from the case records (one row per case), any other from its per-event
    /// references (file order, reordered by `order` afterwards). `cost` sizes the pool of a
    /// column whose values are nearly all distinct.
    static func build(
        _ k: Int, cost: CSVColumnCost, set: CSVAttributeSet, layout: CSVColumnLayout, order: [UInt32],
        source: CSVValueSource, timestamps: CSVTimestampReader, into slots: CSVSlots<AttributeColumn>
    ) {
        var times = timestamps
        var builder = CSVColumnBuilder(
            name: layout.names[layout.attributeIndices[k]], type: cost.type, rows: cost.rows,
            expectedDistinct: cost.expectedDistinct)
        if set.constant[k] {
            let count = set.count
            set.recordStart.withUnsafeBufferPointer { starts in
                for start in starts {
                    builder.append(CSVAttributeSet.valueRef(source.records, start, column: k, of: count), source, &times)
                }
            }
            slots.set(k, builder.finish(order: nil))
        } else {
            set.perEvent[k].withUnsafeBufferPointer { refs in
                for ref in refs { builder.append(ref, source, &times) }
            }
            slots.set(k, builder.finish(order: order))
        }
    }
}
