import Foundation

/// Adds up progress from several parsing threads and reports it, one call at a time.
final class CSVProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    private var events = 0
    private let total: Int
    private let callback: ImportProgress

    /// A meter that starts at `alreadyRead` bytes (the header).
    init(total: Int, alreadyRead: Int, callback: @escaping ImportProgress) {
        self.total = total
        bytes = alreadyRead
        self.callback = callback
    }

    func add(bytes moreBytes: Int, events moreEvents: Int) {
        lock.lock()
        defer { lock.unlock() }
        bytes = min(total, bytes + moreBytes)
        events += moreEvents
        callback(bytes, total, events)
    }
}

/// Turns the rows of one byte range of a CSV file into a ``CSVChunk``.
///
/// Each row is split by ``CSVScanner``, checked (quoting, field count, encoding, case id,
/// activity, timestamp) and then interned straight from its bytes: no `String` per cell,
/// no allocation per row. A row that fails a check becomes a ``RejectedRow`` (or, when
/// `strict`, the chunk's ``CSVChunk/failure`` and the end of parsing).
struct CSVChunkParser: Sendable {
    let input: CSVInput
    let layout: CSVColumnLayout
    let delimiter: UInt8
    let timestamps: CSVTimestampReader
    let strict: Bool
    let file: String
    let meter: CSVProgressMeter?

    /// Progress is reported about this often.
    static let reportEvery = 8 << 20

    /// Parses the rows that start in `start ..< limit`; the row at `start` is on `line`.
    /// The event columns get room for the rows of `reserveBytes` bytes (default: the range),
    /// so that the first of several chunks can take the others' events without a copy
    /// (capacity never written stays address space, not memory).
    func parse(from start: Int, limit: Int, line: Int, unbalanced: Bool, reserveBytes: Int? = nil) -> CSVChunk {
        var chunk = CSVChunk(attributeCount: layout.attributeIndices.count)
        chunk.endOffset = start
        chunk.endLine = line
        chunk.endUnbalanced = unbalanced
        guard let raw = input.bytes.baseAddress, start < min(limit, input.bytes.count) else { return chunk }
        var scanner = CSVScanner(
            base: raw.assumingMemoryBound(to: UInt8.self), count: input.bytes.count, delimiter: delimiter,
            position: start, line: line)
        scanner.unbalancedQuotes = unbalanced
        defer { scanner.deallocate() }

        var caseIDs = StringPool(), activities = StringPool()
        var resources = StringPool(), groups = StringPool(), lifecycles = StringPool()
        var caseOfEvent: [UInt32] = [], activity: [UInt32] = [], timestamp: [Int64] = []
        var resource: [UInt32] = [], group: [UInt32] = [], lifecycle: [UInt32] = []
        var attributes = chunk.attributes
        chunk.attributes = CSVAttributeSet(count: 0)
        var rejected: [RejectedRow] = []
        var rowsRead = 0

        // A generous guess (8 bytes a cell): too much costs address space only, too little a copy.
        let estimate = (reserveBytes ?? (min(limit, input.bytes.count) - start)) / max(16, 8 * layout.names.count)
        caseOfEvent.reserveCapacity(estimate)
        activity.reserveCapacity(estimate)
        timestamp.reserveCapacity(estimate)
        if layout.resourceIndex != nil { resource.reserveCapacity(estimate) }
        if layout.groupIndex != nil { group.reserveCapacity(estimate) }
        if layout.lifecycleIndex != nil { lifecycle.reserveCapacity(estimate) }
        // Case records: a guess of one case per two rows, and half the bytes.
        attributes.reserve(cases: estimate / 2, bytes: (reserveBytes ?? (min(limit, input.bytes.count) - start)) / 2)

        let fieldTotal = layout.names.count
        let ci = layout.caseIndex, ai = layout.activityIndex, ti = layout.timestampIndex
        let ri = layout.resourceIndex ?? -1, gi = layout.groupIndex ?? -1, li = layout.lifecycleIndex ?? -1
        let attributeIndices = layout.attributeIndices
        var times = timestamps
        let caseCache = CSVCodeCache(bits: 15), activityCache = CSVCodeCache(bits: 11)
        let resourceCache = CSVCodeCache(bits: 12), groupCache = CSVCodeCache(bits: 11), lifecycleCache = CSVCodeCache(bits: 9)

        var nextReport = start + CSVChunkParser.reportEvery
        var reportedBytes = start, reportedEvents = 0

        while scanner.position < limit {
            let status = scanner.nextRow()
            if status == .end { break }
            if status == .blank { continue }
            rowsRead += 1
            // The case cache and the case pool's table are large: their lines load while the
            // row is checked and its timestamp parsed.
            var caseSlotHash: UInt32?
            if scanner.fieldCount > ci {
                let caseBytes = scanner.bytes(ci)
                caseCache.prefetch(caseBytes)
                let h = StringPool.slotHash(caseBytes)
                caseIDs.prefetchSlot(h)
                caseSlotHash = h
            }
            var problem: CSVRowProblem?
            var time: Int64 = 0
            if let quoting = scanner.rowProblem {
                problem = .quoting(quoting)
            } else if scanner.fieldCount != fieldTotal {
                problem = .fieldCount(expected: fieldTotal, found: scanner.fieldCount)
            } else if scanner.rowHasSpecialBytes, let bad = CSVChunkParser.encodingProblem(&scanner) {
                problem = bad
            } else if scanner.rowEnd - scanner.rowStart > CSVValueRef.maxLength,
                let j = attributeIndices.first(where: { scanner.fieldEnd($0) - scanner.fieldStart($0) > CSVValueRef.maxLength })
            {
                problem = .cellTooLong(field: j, limit: CSVValueRef.maxLength)
            } else if scanner.bytes(ci).count == 0 {
                problem = .emptyCase(field: ci)
            } else if scanner.bytes(ai).count == 0 {
                problem = .emptyActivity(field: ai)
            } else {
                let cell = scanner.bytes(ti)
                switch times.parse(cell) {
                case .ok(let t): time = t
                case let outcome:
                    problem = cell.count == 0
                        ? .emptyTimestamp(field: ti, expectation: times.expectation)
                        : .timestamp(
                            field: ti, text: String(decoding: cell, as: UTF8.self), outcome: outcome,
                            expectation: times.expectation)
                }
            }
            if let problem {
                if strict {
                    chunk.failure = problem.error(file: file, line: scanner.rowLine, names: layout.names)
                    break
                }
                rejected.append(problem.rejected(
                    line: scanner.rowLine, raw: String(decoding: scanner.rowBytes, as: UTF8.self), names: layout.names))
                continue
            }

            // The small caches first, while the case cache's line is still on its way.
            activity.append(activityCache.intern(scanner.bytes(ai), into: &activities))
            timestamp.append(time)
            if ri >= 0 {
                resource.append(scanner.isMissing(ri) ? StringPool.missing : resourceCache.intern(scanner.bytes(ri), into: &resources))
            }
            if gi >= 0 {
                group.append(scanner.isMissing(gi) ? StringPool.missing : groupCache.intern(scanner.bytes(gi), into: &groups))
            }
            if li >= 0 {
                lifecycle.append(
                    scanner.isMissing(li) ? StringPool.missing : lifecycleCache.intern(scanner.bytes(li), into: &lifecycles))
            }

            let knownCases = caseIDs.count
            let caseCode = caseCache.intern(scanner.bytes(ci), into: &caseIDs, slotHash: caseSlotHash)
            let isNewCase = Int(caseCode) == knownCases
            if !attributeIndices.isEmpty {
                attributes.add(&scanner, attributeIndices, caseCode: caseCode, isNewCase: isNewCase, caseOfEvent: caseOfEvent)
            }
            caseOfEvent.append(caseCode)

            if scanner.position >= nextReport {
                meter?.add(bytes: scanner.position - reportedBytes, events: activity.count - reportedEvents)
                reportedBytes = scanner.position
                reportedEvents = activity.count
                nextReport = scanner.position + CSVChunkParser.reportEvery
            }
        }
        meter?.add(bytes: scanner.position - reportedBytes, events: activity.count - reportedEvents)

        chunk.caseIDs = caseIDs
        chunk.activities = activities
        chunk.resources = resources
        chunk.groups = groups
        chunk.lifecycles = lifecycles
        chunk.caseOfEvent = caseOfEvent
        chunk.activity = activity
        chunk.timestamp = timestamp
        chunk.resource = resource
        chunk.group = group
        chunk.lifecycle = lifecycle
        chunk.attributes = attributes
        chunk.rejected = rejected
        chunk.rowsRead = rowsRead
        chunk.endOffset = scanner.position
        chunk.endLine = scanner.line
        chunk.endUnbalanced = scanner.unbalancedQuotes
        return chunk
    }

    /// The first NUL byte or invalid UTF-8 sequence in the current row, by field.
    static func encodingProblem(_ scanner: inout CSVScanner) -> CSVRowProblem? {
        for j in 0..<scanner.fieldCount {
            let b = scanner.bytes(j)
            if CSVText.firstNUL(b) != nil { return .nulByte(field: j) }
            if let offset = CSVText.firstInvalidUTF8(b) { return .invalidUTF8(field: j, offset: offset, byte: b[offset]) }
        }
        return nil
    }
}
