extension CSVChunk {
    /// Joins chunks parsed from consecutive byte ranges of one file, given in file order, into
    /// one chunk equal to a single parse of the whole range.
    ///
    /// Strings of later chunks are re-coded into the first chunk's pools; cases seen in an
    /// earlier chunk keep its code, so the first-seen order of cases is the file's order.
    /// Cost: one lookup per distinct value of each later chunk (the case lookups split across
    /// `threads` threads) and one insert per new value; then each event column is built once,
    /// at its final size, as its own job, while the attribute sets are joined on another.
    /// `parts` is emptied on the way (so that nothing is copied on write).
    static func merge(_ parts: inout [CSVChunk], threads: Int) -> CSVChunk {
        guard parts.count > 1 else { return parts.first ?? CSVChunk(attributeCount: 0) }
        // Chunk 0 moves into `merged`, its attribute set into a slot: each singly owned.
        var merged = parts[0]
        parts[0] = CSVChunk(attributeCount: 0)
        let sets = JobSlots<CSVAttributeSet>(1)
        sets.set(0, merged.attributes)
        merged.attributes = CSVAttributeSet(count: 0)
        var caseMaps: [[UInt32]] = [[]], activityMaps: [[UInt32]] = [[]]
        var resourceMaps: [[UInt32]] = [[]], groupMaps: [[UInt32]] = [[]], lifecycleMaps: [[UInt32]] = [[]]
        var knownCases = [0]
        for (i, part) in zip(1..., parts.dropFirst()) {
            knownCases.append(merged.caseIDs.count)
            // The last chunk's new cases are added to the pool while the columns are built.
            caseMaps.append(
                i == parts.count - 1
                    ? merged.caseIDs.absorbedCodes(part.caseIDs, threads: threads)
                    : merged.caseIDs.absorb(part.caseIDs, threads: threads))
            activityMaps.append(merged.activities.absorb(part.activities, threads: 1))
            resourceMaps.append(merged.resources.absorb(part.resources, threads: 1))
            groupMaps.append(merged.groups.absorb(part.groups, threads: 1))
            lifecycleMaps.append(merged.lifecycles.absorb(part.lifecycles, threads: 1))
            merged.rejected.append(contentsOf: part.rejected)
            merged.rowsRead += part.rowsRead
            merged.endOffset = part.endOffset
            merged.endLine = part.endLine
            merged.endUnbalanced = part.endUnbalanced
            if merged.failure == nil { merged.failure = part.failure }
        }

        let pools = JobSlots<StringPool>(1)
        pools.set(0, merged.caseIDs)
        merged.caseIDs = StringPool()
        // Each job owns one column of chunk 0 (moved into a slot) and appends the others' to it:
        // chunk 0 reserved room for the whole file, so nothing is copied.
        let codes = JobSlots<[UInt32]>(5)
        codes.set(0, merged.caseOfEvent)
        codes.set(1, merged.activity)
        codes.set(2, merged.resource)
        codes.set(3, merged.group)
        codes.set(4, merged.lifecycle)
        let times = JobSlots<[Int64]>(1)
        times.set(0, merged.timestamp)
        let firstCount = merged.eventCount
        (merged.caseOfEvent, merged.activity, merged.timestamp) = ([], [], [])
        (merged.resource, merged.group, merged.lifecycle) = ([], [], [])
        let later = parts.dropFirst()
        let lastCases = parts[parts.count - 1].caseIDs, lastCaseMap = caseMaps[caseMaps.count - 1]
        func extend(_ slot: Int, _ column: (CSVChunk) -> [UInt32], _ maps: [[UInt32]]) {
            var joined = codes.take(slot) ?? []
            for (i, part) in zip(1..., later) { joined.appendRemapped(column(part), through: maps[i]) }
            codes.set(slot, joined)
        }
        ParallelJobs.run(jobs: 6, threads: threads) { job in
            switch job {
            case 0:
                // The attribute sets need the joined cases of the events before each chunk.
                extend(0, \.caseOfEvent, caseMaps)
                guard let cases = codes.take(0), var set = sets.take(0) else { return }
                var before = firstCount
                for (i, part) in zip(1..., later) {
                    set.append(
                        part.attributes, caseMap: caseMaps[i], oldCases: knownCases[i], caseOfEvent: cases[..<before],
                        otherCaseOfEvent: part.caseOfEvent)
                    before += part.eventCount
                }
                codes.set(0, cases)
                sets.set(0, set)
            case 1:
                guard var cases = pools.take(0) else { return }
                cases.absorbNew(lastCases, codes: lastCaseMap)
                pools.set(0, cases)
            case 2:
                guard var time = times.take(0) else { return }
                for part in later { time.append(contentsOf: part.timestamp) }
                times.set(0, time)
            case 3: extend(1, \.activity, activityMaps)
            case 4: extend(2, \.resource, resourceMaps)
            default:
                extend(3, \.group, groupMaps)
                extend(4, \.lifecycle, lifecycleMaps)
            }
        }
        merged.caseIDs = pools.take(0) ?? StringPool()
        merged.caseOfEvent = codes.take(0) ?? []
        merged.activity = codes.take(1) ?? []
        merged.resource = codes.take(2) ?? []
        merged.group = codes.take(3) ?? []
        merged.lifecycle = codes.take(4) ?? []
        merged.timestamp = times.take(0) ?? []
        if let set = sets.take(0) { merged.attributes = set }
        parts = []
        return merged
    }
}
