/// Builds the typed attribute columns of a parsed CSV file, one column per job.
enum CSVAttributeColumns {
    /// Builds column `k` of `set` with the type its mask gives, into `slots`: a constant
    /// column from the case records (one row per case), any other from its per-event
    /// references (file order, reordered by `order` afterwards). `cost` sizes the pool of a
    /// column whose values are nearly all distinct.
    static func build(
        _ k: Int, cost: CSVColumnCost, set: CSVAttributeSet, layout: CSVColumnLayout, order: [UInt32],
        source: CSVValueSource, timestamps: CSVTimestampReader, into slots: JobSlots<AttributeColumn>
    ) {
        var times = timestamps
        var builder = CSVColumnBuilder(
            name: layout.names[layout.attributeIndices[k]], type: cost.type, rows: cost.rows,
            expectedDistinct: cost.expectedDistinct)
        if set.constant[k] {
            let count = set.count
            var batch = [UInt64](repeating: 0, count: CSVColumnBuilder.batch)
            set.recordStart.withUnsafeBufferPointer { starts in
                batch.withUnsafeMutableBufferPointer { batch in
                    var from = 0
                    while from < starts.count {
                        let rows = min(CSVColumnBuilder.batch, starts.count - from)
                        for i in 0..<rows {
                            batch[i] = CSVAttributeSet.valueRef(source.records, starts[from + i], column: k, of: count)
                        }
                        builder.append(batch: UnsafeBufferPointer(rebasing: batch[0..<rows]), source, &times)
                        from += rows
                    }
                }
            }
            slots.set(k, builder.finish(order: nil))
        } else {
            set.perEvent[k].withUnsafeBufferPointer { refs in
                var from = 0
                while from < refs.count {
                    let rows = min(CSVColumnBuilder.batch, refs.count - from)
                    builder.append(batch: UnsafeBufferPointer(rebasing: refs[from..<(from + rows)]), source, &times)
                    from += rows
                }
            }
            slots.set(k, builder.finish(order: order))
        }
    }
}
