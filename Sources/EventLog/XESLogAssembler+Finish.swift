/// The end of a document, and the merge of segments parsed on several threads.
extension XESLogAssembler {
    /// Throws unless the document was complete: a `<log>` root, and every element closed.
    func checkComplete() throws(ImportError) {
        guard rootSeen else {
            throw ImportError(.malformedXML, file: "", expected: "a <log> element", reason: "no XES content found (not a XES file)")
        }
        if let open = frames.last {
            let name = String(decoding: names[open.nameStart...], as: UTF8.self)
            throw ImportError(
                .truncated, file: "", line: open.line, found: "<\(name)>",
                reason: "the file ends before <\(name)> (opened on this line) is closed: truncated or malformed XML")
        }
    }

    /// Whether the parse stands directly inside `<log>` with no trace open: where a segment
    /// that ends before the end of the file must stop.
    var isAtLogLevel: Bool { frames.count == 1 && frames[0].kind == .log && held.isEmpty }

    /// Starts a segment that begins inside `<log>` (after its start tag), at a `<trace>`.
    mutating func resumeInsideLog(rootName: [UInt8], line: Int) {
        rootSeen = true
        frames = [Frame(kind: .log, nameStart: 0, line: line)]
        top = .log
        names = rootName
    }

    /// The warnings of the whole read, in a fixed order.
    var warnings: [String] {
        var out = lineWarnings.map { "line \($0.line): \($0.message)" }
        if generatedCaseIDs > 0 {
            out.append("\(generatedCaseIDs) trace(s) had no concept:name; their case id is trace-<n>, n being the trace's position in the file")
        }
        if naiveTimestamps > 0 {
            out.append("\(naiveTimestamps) date value(s) had no UTC offset and were read as \(naive.name) (set the timezone option to change)")
        }
        if skippedTraceAttributes > 0 {
            out.append("\(skippedTraceAttributes) unknown element(s) inside traces were skipped")
        }
        return out
    }

    /// Groups and sorts the events into the finished log (see ``EventLogBuilder/build()``).
    mutating func makeLog(threads: Int = 1) -> EventLog {
        builder.eventAttributes = extras.map { $0.column(rows: builder.eventCount) }
        builder.caseAttributes = caseColumns.map { $0.column(rows: builder.caseIDs.count) }
        return builder.build(threads: threads)
    }

    /// Appends what `other` read from the next segment of the file, as if this assembler had
    /// read on: cases, values and columns keep their first-seen order, so the result equals a
    /// single pass. `lineOffset` and `traceOffset` are the lines and traces before that segment.
    mutating func absorb(_ other: XESLogAssembler, lineOffset: Int, traceOffset: Int, threads: Int = 1) {
        let o = other.builder
        // Cases: the other segment's ids get their codes here (generated ones renumbered).
        // Usually none is generated: the new ids are then added while the columns are joined.
        let caseMap: [UInt32]
        let newCases = JobSlots<StringPool>(1)
        if other.generatedCases.isEmpty {
            caseMap = builder.caseIDs.absorbedCodes(o.caseIDs, threads: threads)
            newCases.set(0, builder.caseIDs)
            builder.caseIDs = StringPool()
        } else {
            var generated: [UInt32: Int] = [:]
            for g in other.generatedCases { generated[g.code] = g.ordinal }
            var map = [UInt32](repeating: 0, count: o.caseIDs.count)
            for c in 0..<o.caseIDs.count {
                if let ordinal = generated[UInt32(c)] {
                    map[c] = builder.caseIDs.intern("trace-\(ordinal + traceOffset)")
                } else {
                    map[c] = o.caseIDs.withBytes(UInt32(c)) { builder.caseIDs.intern($0) }
                }
            }
            caseMap = map
        }
        let rowOffset = builder.eventCount

        // Columns: find or create each one here first, then absorb them, one job per column.
        var targets: [(index: Int, isCase: Bool, source: XESColumnBuilder)] = []
        for column in other.extras {
            let key = Int(registerKey(column.name))
            if keyColumn[key] < 0 {
                keyColumn[key] = extras.count
                extras.append(XESColumnBuilder(name: column.name, type: column.type))
            }
            targets.append((keyColumn[key], false, column))
        }
        for column in other.caseColumns {
            let key = Int(registerKey(column.name))
            while caseKeyColumn.count <= key { caseKeyColumn.append(-1) }
            if caseKeyColumn[key] < 0 {
                caseKeyColumn[key] = caseColumns.count
                caseColumns.append(XESColumnBuilder(name: column.name, type: column.type))
            }
            targets.append((caseKeyColumn[key], true, column))
        }
        let slots = JobSlots<XESColumnBuilder>(targets.count)
        for (job, target) in targets.enumerated() {
            slots.set(job, target.isCase ? caseColumns[target.index] : extras[target.index])
        }
        // Each column is now owned by its slot alone (no copy when a job changes it).
        for target in targets {
            if target.isCase { caseColumns[target.index] = XESColumnBuilder(name: "", type: .string) } else {
                extras[target.index] = XESColumnBuilder(name: "", type: .string)
            }
        }
        builder.appendEvents(
            of: o, caseMap: caseMap, activityMap: builder.activities.absorb(o.activities, threads: 1),
            resourceMap: builder.resources.absorb(o.resources, threads: 1), groupMap: builder.groups.absorb(o.groups, threads: 1),
            lifecycleMap: builder.lifecycles.absorb(o.lifecycles, threads: 1), threads: threads, alongside: 1 + targets.count
        ) { job in
            if job == 0 {
                guard var cases = newCases.take(0) else { return }
                cases.absorbNew(o.caseIDs, codes: caseMap)
                newCases.set(0, cases)
                return
            }
            guard var column = slots.take(job - 1) else { return }
            let target = targets[job - 1]
            if target.isCase {
                column.absorb(target.source) { Int(caseMap[$0]) }
            } else {
                column.absorb(target.source) { rowOffset + $0 }
            }
            slots.set(job - 1, column)
        }
        if let cases = newCases.take(0) { builder.caseIDs = cases }
        for (job, target) in targets.enumerated() {
            guard let column = slots.take(job) else { continue }
            if target.isCase { caseColumns[target.index] = column } else { extras[target.index] = column }
        }
        rejected += other.rejected.map { row in
            var moved = row
            moved.line += lineOffset
            return moved
        }
        lineWarnings += other.lineWarnings.map { ($0.line + lineOffset, $0.message) }
        rowsRead += other.rowsRead
        naiveTimestamps += other.naiveTimestamps
        generatedCaseIDs += other.generatedCaseIDs
        skippedTraceAttributes += other.skippedTraceAttributes
        traceOrdinal += other.traceOrdinal
    }

    /// Interns a key given as a string.
    mutating func registerKey(_ name: String) -> UInt32 {
        var copy = name
        return copy.withUTF8 { registerKey(UnsafeRawBufferPointer($0)) }
    }
}
