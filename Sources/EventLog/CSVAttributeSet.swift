/// The extra (attribute) columns of a chunk while it is parsed. Typing and interning wait
/// until the whole file is read (see ``CSVAttributeColumns``), one share of the columns per
/// thread.
///
/// The first row of each case is copied into a compact record: the length of its raw span
/// (below), `count` lengths (`UInt32`, ``missingLength`` for an empty cell), then the bytes of
/// its cells, each followed by one separator byte. Later rows of the case compare their cells
/// with that record, one or two cache lines per row. While every case shows one value in a
/// column, the record is all the column costs.
///
/// When the attribute columns sit side by side in the file and the first row has none of them
/// quoted, the cells and separators are that row's raw bytes from the first attribute cell to
/// the last (its span), and a later unquoted row whose span has the same bytes has every cell
/// equal: one comparison instead of one per column. Otherwise the span length is
/// ``noSpan``. The first row that
/// differs gives the column one ``CSVValueRef`` per event (`perEvent`), rebuilt from the
/// records for the events before it. Columns that stay constant become case attributes
/// without costing anything per event.
struct CSVAttributeSet: Sendable {
    let count: Int
    /// Offset of each chunk-local case's record in `records`.
    var recordStart: [Int] = []
    var records: [UInt8] = []
    /// Unescaped bytes of later-row cells that had doubled quotes.
    var escapes: [UInt8] = []
    var constant: [Bool]
    /// Whether every column is still constant within cases (the span comparison can decide).
    private var allConstant = true
    /// One reference per event for each column no longer constant within cases.
    var perEvent: [[UInt64]]
    /// Per column, the types all its values fit (see ``CSVAttributeTyping/narrow(_:_:)``).
    var typeMasks: [UInt8]

    static let missingLength = UInt32.max
    /// The span length of a record whose cells are not a raw span of the file.
    static let noSpan = UInt32.max

    init(count: Int) {
        self.count = count
        constant = Array(repeating: true, count: count)
        perEvent = Array(repeating: [], count: count)
        typeMasks = Array(repeating: CSVAttributeTyping.initialMask, count: count)
    }

    /// Reserves room for the records of about `cases` cases taking `bytes` bytes (room never
    /// filled is address space only).
    mutating func reserve(cases: Int, bytes: Int) {
        guard count > 0 else { return }
        recordStart.reserveCapacity(cases)
        records.reserveCapacity(bytes)
    }

    /// Records the cells `indices` of the current row of `scanner`, the next event, of case
    /// `caseCode`; `caseOfEvent` lists the cases of the events already recorded.
    @inline(__always)
    mutating func add(
        _ scanner: inout CSVScanner, _ indices: [Int], caseCode: UInt32, isNewCase: Bool, caseOfEvent: [UInt32]
    ) {
        if isNewCase { return appendRecord(&scanner, indices) }
        let start = recordStart[Int(caseCode)]
        let n = count
        if allConstant && sameSpan(&scanner, indices, record: start) { return }
        var differs: [Int] = []
        constant.withUnsafeBufferPointer { constant in
            records.withUnsafeBytes { rec in
                var cursor = CSVAttributeSet.cellsStart(start, of: n)
                for k in 0..<n {
                    let length = rec.loadUnaligned(fromByteOffset: start + 4 + 4 * k, as: UInt32.self)
                    let stored = length == CSVAttributeSet.missingLength ? 0 : Int(length)
                    defer { cursor += stored + 1 }
                    guard constant[k] else { continue }
                    let j = indices[k]
                    let same = length == CSVAttributeSet.missingLength
                        ? scanner.isMissing(j)
                        : !scanner.isMissing(j)
                            && CSVBytes.equal(UnsafeRawBufferPointer(rebasing: rec[cursor..<(cursor + stored)]), scanner.bytes(j))
                    if !same { differs.append(k) }
                }
            }
        }
        for k in differs { materialize(k, caseOfEvent[...]) }
        for k in 0..<n where !constant[k] { perEvent[k].append(ref(&scanner, indices[k], column: k)) }
    }

    /// The raw span of the current row's attribute cells, when they sit side by side and the
    /// row has no quoted field.
    @inline(__always)
    private func span(_ scanner: CSVScanner, _ indices: [Int]) -> UnsafeRawBufferPointer? {
        guard scanner.rowIsPlain, let first = indices.first, let last = indices.last, last - first == indices.count - 1
        else { return nil }
        let from = scanner.fieldStart(first), length = scanner.fieldEnd(last) - from
        // A span must fit the record's 32-bit length below ``noSpan``.
        guard length < Int(CSVAttributeSet.noSpan) else { return nil }
        return UnsafeRawBufferPointer(start: scanner.base + from, count: length)
    }

    /// Whether the current row's span equals the span stored in the record at `start`.
    @inline(__always)
    private func sameSpan(_ scanner: inout CSVScanner, _ indices: [Int], record start: Int) -> Bool {
        guard let row = span(scanner, indices) else { return false }
        return records.withUnsafeBytes { rec in
            let stored = rec.loadUnaligned(fromByteOffset: start, as: UInt32.self)
            guard stored == UInt32(truncatingIfNeeded: row.count) else { return false }
            let cells = CSVAttributeSet.cellsStart(start, of: count)
            return CSVBytes.equal(UnsafeRawBufferPointer(rebasing: rec[cells..<(cells + row.count)]), row)
        }
    }

    /// Offset of the first cell of the record at `start` of a set with `n` columns.
    @inline(__always)
    static func cellsStart(_ start: Int, of n: Int) -> Int { start + 4 + 4 * n }

    /// Starts the record of a new case with the cells of the current row.
    private mutating func appendRecord(_ scanner: inout CSVScanner, _ indices: [Int]) {
        let start = records.count
        recordStart.append(start)
        let rawSpan = span(scanner, indices)
        let spanLength = rawSpan.map { UInt32(truncatingIfNeeded: $0.count) } ?? CSVAttributeSet.noSpan
        withUnsafeBytes(of: spanLength) { records.append(contentsOf: $0) }
        for j in indices {
            let length = scanner.isMissing(j) ? CSVAttributeSet.missingLength : UInt32(truncatingIfNeeded: scanner.bytes(j).count)
            withUnsafeBytes(of: length) { records.append(contentsOf: $0) }
        }
        if let rawSpan {
            // The cells and the delimiters between them, as in the file.
            records.append(contentsOf: rawSpan)
            records.append(scanner.delimiter)
        }
        for (k, j) in indices.enumerated() {
            if scanner.isMissing(j) {
                if !constant[k] { perEvent[k].append(CSVValueRef.missing) }
                if rawSpan == nil { records.append(scanner.delimiter) }
                continue
            }
            let cell = scanner.bytes(j)
            if !constant[k] {
                let offset = rawSpan == nil
                    ? records.count : CSVAttributeSet.cellsStart(start, of: count) + scanner.fieldStart(j) - scanner.fieldStart(indices[0])
                perEvent[k].append(CSVValueRef.make(CSVValueRef.inRecords, offset: offset, length: cell.count))
            }
            if rawSpan == nil {
                records.append(contentsOf: cell)
                records.append(scanner.delimiter)
            }
            narrow(k, cell)
        }
    }

    /// A reference to cell `j` of the current row (copied to `escapes` when it was unescaped).
    @inline(__always)
    private mutating func ref(_ scanner: inout CSVScanner, _ j: Int, column k: Int) -> UInt64 {
        if scanner.isMissing(j) { return CSVValueRef.missing }
        let cell = scanner.bytes(j)
        narrow(k, cell)
        if scanner.isInPlace(j) {
            return CSVValueRef.make(CSVValueRef.inFile, offset: scanner.fieldStart(j), length: cell.count)
        }
        let r = CSVValueRef.make(CSVValueRef.inEscapes, offset: escapes.count, length: cell.count)
        escapes.append(contentsOf: cell)
        return r
    }

    @inline(__always)
    private mutating func narrow(_ k: Int, _ cell: UnsafeRawBufferPointer) {
        let mask = typeMasks[k]
        if mask != CSVAttributeTyping.seenBit { typeMasks[k] = CSVAttributeTyping.narrow(mask, cell) }
    }

    /// Gives column `k` one reference per event for the events in `caseOfEvent`.
    mutating func materialize(_ k: Int, _ caseOfEvent: ArraySlice<UInt32>) {
        guard constant[k] else { return }
        let starts = recordStart
        perEvent[k] = records.withUnsafeBytes { rec in
            caseOfEvent.map { CSVAttributeSet.valueRef(rec, starts[Int($0)], column: k, of: count) }
        }
        constant[k] = false
        allConstant = false
    }

    /// The reference of column `k` in the record at `start` of a set with `n` columns.
    static func valueRef(_ rec: UnsafeRawBufferPointer, _ start: Int, column k: Int, of n: Int) -> UInt64 {
        var cursor = cellsStart(start, of: n)
        for i in 0..<k {
            let length = rec.loadUnaligned(fromByteOffset: start + 4 + 4 * i, as: UInt32.self)
            cursor += (length != missingLength ? Int(length) : 0) + 1
        }
        let length = rec.loadUnaligned(fromByteOffset: start + 4 + 4 * k, as: UInt32.self)
        return length == missingLength ? CSVValueRef.missing : CSVValueRef.make(CSVValueRef.inRecords, offset: cursor, length: Int(length))
    }

    /// Appends `other`, the set of the chunk that follows (its cases map through `caseMap`
    /// into this chunk's cases, of which `oldCases` existed before), comparing the values of
    /// cases seen in both. `caseOfEvent`/`otherCaseOfEvent` are the chunks' event cases.
    mutating func append(
        _ other: CSVAttributeSet, caseMap: [UInt32], oldCases: Int, caseOfEvent: ArraySlice<UInt32>, otherCaseOfEvent: [UInt32]
    ) {
        guard count > 0 else { return }
        let recordShift = records.count, escapeShift = escapes.count
        records.append(contentsOf: other.records)
        escapes.append(contentsOf: other.escapes)
        let otherStarts = other.recordStart.map { $0 + recordShift }
        for k in 0..<count { typeMasks[k] = CSVAttributeTyping.merge(typeMasks[k], other.typeMasks[k]) }
        let n = count
        var differs = Set<Int>()
        records.withUnsafeBytes { rec in
            let source = CSVValueSource(file: UnsafeRawBufferPointer(start: nil, count: 0), escapes: rec, records: rec)
            for (c2, c1) in caseMap.enumerated() where Int(c1) < oldCases {
                for k in 0..<n where constant[k] && other.constant[k] && !differs.contains(k) {
                    let a = CSVAttributeSet.valueRef(rec, recordStart[Int(c1)], column: k, of: n)
                    let b = CSVAttributeSet.valueRef(rec, otherStarts[c2], column: k, of: n)
                    let same = a == CSVValueRef.missing
                        ? b == CSVValueRef.missing
                        : b != CSVValueRef.missing && CSVBytes.equal(source.bytes(a), source.bytes(b))
                    if !same { differs.insert(k) }
                }
            }
        }
        for k in 0..<n where differs.contains(k) || constant[k] != other.constant[k] { materialize(k, caseOfEvent) }
        for k in 0..<n where !constant[k] {
            if other.constant[k] {
                let refs = records.withUnsafeBytes { rec in
                    otherCaseOfEvent.map { CSVAttributeSet.valueRef(rec, otherStarts[Int($0)], column: k, of: n) }
                }
                perEvent[k].append(contentsOf: refs)
            } else {
                perEvent[k].append(contentsOf: other.perEvent[k].map {
                    CSVValueRef.shifted($0, escapes: escapeShift, records: recordShift)
                })
            }
        }
        for (c2, c1) in caseMap.enumerated() where Int(c1) >= oldCases { recordStart.append(otherStarts[c2]) }
    }
}
