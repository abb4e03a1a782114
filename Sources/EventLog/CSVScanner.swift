import CByteScan

/// Where one field of the current row lies and how to read it: `start` is the offset of the
/// first content byte (after an opening quote), in the input or, once unescaped, in the
/// scanner's scratch buffer; `end` is one past the last content byte (before a closing quote).
/// A C struct, so that the block splitter (``sy_csv_split_plain_row``) can fill it.
typealias CSVField = sy_csv_field

extension CSVField {
    /// Flag bits: quoted; holds doubled quotes still to unescape; lives in scratch.
    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2
    static let inScratch: UInt8 = 4
}

/// How ``CSVScanner`` reads rows without quotes: with the widest block splitter the
/// processor has, with the SSE2 one, or byte by byte like every other row.
enum CSVBlockSplitter {
    case fastest, sse2, off
}

/// A quoting problem found while splitting a row into fields.
enum CSVQuoteProblem: Equatable {
    /// A byte other than the delimiter or a line end follows a closing quote (1-based field).
    case textAfterClosingQuote(field: Int, byte: UInt8)
    /// A quoted field never closes (1-based field).
    case unterminatedQuote(field: Int)
}

/// What ``CSVScanner/nextRow()`` found.
enum CSVRowStatus {
    case row, blank, end
}

/// Splits RFC 4180 CSV into rows and fields straight from raw bytes.
///
/// Handles quoted fields with doubled quotes and line breaks inside, `\n`, `\r\n` and lone
/// `\r` line ends (mixed freely), and counts lines so every row knows the 1-based line it
/// starts on. A quote inside an unquoted field is kept as a literal character (as pandas
/// and polars do). No allocation per row: field positions go to a reused buffer and only
/// fields with doubled quotes are copied, into a reused scratch buffer.
///
/// Once a quoted field has run to the end of the input without closing, the file is known
/// to be unbalanced and later quoted fields must close on their own line; this keeps a
/// hostile file linear in time.
///
/// Cost: one pass over the bytes with a table lookup per byte. Call ``deallocate()`` when done.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    /// Offset of the next row.
    var position: Int
    /// 1-based line of ``position``.
    var line: Int
    /// Whether a quoted field has already run to the end of the input.
    var unbalancedQuotes = false

    /// Start, content end (before the line end) and first line of the current row.
    private(set) var rowStart = 0
    private(set) var rowEnd = 0
    private(set) var rowLine = 0
    /// The row holds a byte ≥ 0x80 or a NUL: check its encoding before use.
    private(set) var rowHasSpecialBytes = false
    private(set) var rowProblem: CSVQuoteProblem?
    /// Every field of the current row is unquoted and in place (the block splitter read it).
    private(set) var rowIsPlain = false
    private(set) var fieldCount = 0

    private var fields: UnsafeMutablePointer<CSVField>
    private var fieldCapacity: Int
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var scratchUsed = 0
    private let classes: UnsafeMutablePointer<UInt8>

    /// Which block splitter reads rows without quotes (tests pick each to compare them).
    var blockSplitter = CSVBlockSplitter.fastest
    /// Rows left to read with the byte-at-a-time loop before the block splitter is tried again.
    private var rowsBeforePlainTry = 0
    /// After the block splitter gives up on a row (a quote), this many rows skip it.
    static let rowsBetweenPlainTries = 15

    /// The delimiter repeated in every byte lane, for ``stopMask(_:_:)``.
    private let delimiterLanes: UInt64

    /// The quote repeated in every byte lane.
    static let quoteLanes: UInt64 = 0x2222_2222_2222_2222

    /// High bit set in each byte lane of `word` holding the delimiter (or quote), `\n`, `\r`, NUL or a
    /// byte ≥ 0x80. Lanes above the lowest hit may be false positives (borrows), so only the
    /// lowest set bit is meaningful.
    @inline(__always)
    static func stopMask(_ word: UInt64, _ delimiterLanes: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroLanes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        return zeroLanes(word ^ delimiterLanes) | zeroLanes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
            | zeroLanes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | zeroLanes(word) | (word & highs)
    }

    /// Most fields a row may have; a header with more is refused.
    static let fieldLimit = 65_536

    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    /// A scanner over `count` bytes at `base` starting at `position` (line `line`).
    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, position: Int, line: Int) {
        self.base = base
        self.count = count
        self.delimiter = delimiter
        delimiterLanes = UInt64(delimiter) &* 0x0101_0101_0101_0101
        self.position = position
        self.line = line
        fieldCapacity = 64
        fields = .allocate(capacity: fieldCapacity)
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        for b in 0x80...0xFF { classes[b] = 2 }
        classes[0] = 2
        classes[Int(delimiter)] = 1
        classes[Int(CSVScanner.lf)] = 1
        classes[Int(CSVScanner.cr)] = 1
    }

    /// Frees the scanner's buffers.
    func deallocate() {
        fields.deallocate()
        scratch.deallocate()
        classes.deallocate()
    }

    /// Reads the next row. After `.row`, the fields are available until the next call.
    /// A `.blank` line (nothing but a line end) is skipped by callers.
    mutating func nextRow() -> CSVRowStatus {
        let n = count
        var p = position
        guard p < n else { return .end }
        rowStart = p
        rowLine = line
        fieldCount = 0
        scratchUsed = 0
        rowProblem = nil
        rowIsPlain = false
        var special = false
        var escapes = false
        let first = base[p]
        if first == CSVScanner.lf || first == CSVScanner.cr {
            rowEnd = p
            p += 1
            if first == CSVScanner.cr && p < n && base[p] == CSVScanner.lf { p += 1 }
            position = p
            line += 1
            return .blank
        }
        if blockSplitter != .off && first != CSVScanner.quote && rowsBeforePlainTry == 0 {
            let plain = sy_csv_split_plain_row(base, n, p, delimiter, fields, fieldCapacity, blockSplitter == .sse2 ? 1 : 0)
            if plain.field_count >= 0 { return takePlainRow(plain) }
            // A file whose rows hold quotes would pay twice for each: try again later.
            rowsBeforePlainTry = CSVScanner.rowsBetweenPlainTries
        } else if rowsBeforePlainTry > 0 {
            rowsBeforePlainTry -= 1
        }
        var innerLines = 0
        while true {
            var start = p
            var end = p
            var flags: UInt8 = 0
            if p < n && base[p] == CSVScanner.quote {
                flags = CSVField.quoted
                let openQuote = p
                let linesBefore = innerLines
                p += 1
                start = p
                var closed = false
                while p < n {
                    if p + 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                        let hits = CSVScanner.stopMask(word, CSVScanner.quoteLanes)
                        if hits == 0 {
                            p += 8
                            continue
                        }
                        p += hits.trailingZeroBitCount >> 3
                    }
                    let c = base[p]
                    if c == CSVScanner.quote {
                        if p + 1 < n && base[p + 1] == CSVScanner.quote {
                            flags |= CSVField.escaped
                            escapes = true
                            p += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == CSVScanner.lf {
                        innerLines += 1
                        if unbalancedQuotes { break }
                    } else if c == CSVScanner.cr {
                        if !(p + 1 < n && base[p + 1] == CSVScanner.lf) { innerLines += 1 }
                        if unbalancedQuotes { break }
                    } else if c >= 0x80 || c == 0 {
                        special = true
                    }
                    p += 1
                }
                if !closed {
                    return resyncAfterUnterminated(openQuote: openQuote, linesBefore: linesBefore, special: special)
                }
                end = p
                p += 1
                if p < n {
                    let c = base[p]
                    if c != delimiter && c != CSVScanner.lf && c != CSVScanner.cr {
                        if rowProblem == nil { rowProblem = .textAfterClosingQuote(field: fieldCount + 1, byte: c) }
                        while p < n {
                            let d = base[p]
                            if d == delimiter || d == CSVScanner.lf || d == CSVScanner.cr { break }
                            if d >= 0x80 || d == 0 { special = true }
                            p += 1
                        }
                        end = p
                    }
                }
            } else {
                // Eight bytes at a time while they fit, then byte by byte, up to the next
                // delimiter or line end; NUL and bytes ≥ 0x80 only mark the row.
                while true {
                    if p + 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                        let hits = CSVScanner.stopMask(word, delimiterLanes)
                        if hits == 0 {
                            p += 8
                            continue
                        }
                        p += hits.trailingZeroBitCount >> 3
                    } else {
                        guard p < n else { break }
                        if classes[Int(base[p])] == 0 {
                            p += 1
                            continue
                        }
                    }
                    let c = base[p]
                    if c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr { break }
                    special = true
                    p += 1
                }
                end = p
            }
            appendField(CSVField(start: start, end: end, flags: flags))
            if p >= n {
                rowEnd = n
                position = n
                line += innerLines
                break
            }
            let c = base[p]
            if c == delimiter {
                p += 1
                continue
            }
            rowEnd = p
            p += 1
            if c == CSVScanner.cr && p < n && base[p] == CSVScanner.lf { p += 1 }
            position = p
            line += innerLines + 1
            break
        }
        rowHasSpecialBytes = special
        if escapes { reserveScratch(rowEnd - rowStart) }
        return .row
    }

    /// Finishes a row that the block splitter read: its fields are in place, unquoted.
    @inline(__always)
    private mutating func takePlainRow(_ plain: sy_csv_plain_row) -> CSVRowStatus {
        fieldCount = plain.field_count
        rowEnd = plain.row_end
        rowHasSpecialBytes = plain.special != 0
        rowIsPlain = true
        var p = rowEnd + 1
        if base[rowEnd] == CSVScanner.cr && p < count && base[p] == CSVScanner.lf { p += 1 }
        position = p
        line += 1
        return .row
    }

    /// Ends a row whose quoted field never closed at the end of the physical line holding
    /// the opening quote, so that the following lines are read as rows again.
    private mutating func resyncAfterUnterminated(openQuote: Int, linesBefore: Int, special: Bool) -> CSVRowStatus {
        let n = count
        var q = openQuote
        while q < n && base[q] != CSVScanner.lf && base[q] != CSVScanner.cr { q += 1 }
        rowProblem = .unterminatedQuote(field: fieldCount + 1)
        appendField(CSVField(start: openQuote, end: q, flags: 0))
        rowEnd = q
        rowHasSpecialBytes = special
        if q < n {
            let c = base[q]
            q += 1
            if c == CSVScanner.cr && q < n && base[q] == CSVScanner.lf { q += 1 }
            line = rowLine + linesBefore + 1
        } else {
            line = rowLine + linesBefore
        }
        // Any later quoted field must close on its own line: the file is unbalanced.
        unbalancedQuotes = true
        position = q
        return .row
    }

    @inline(__always)
    private mutating func appendField(_ field: CSVField) {
        // Past the limit, fields are only counted: such a row is refused or rejected anyway.
        guard fieldCount < CSVScanner.fieldLimit else {
            fieldCount += 1
            return
        }
        if fieldCount == fieldCapacity {
            let bigger = UnsafeMutablePointer<CSVField>.allocate(capacity: fieldCapacity * 2)
            bigger.initialize(from: fields, count: fieldCount)
            fields.deallocate()
            fields = bigger
            fieldCapacity *= 2
        }
        fields[fieldCount] = field
        fieldCount += 1
    }

    private mutating func reserveScratch(_ bytes: Int) {
        guard bytes > scratchCapacity else { return }
        scratch.deallocate()
        scratchCapacity = max(bytes, scratchCapacity * 2)
        scratch = .allocate(capacity: scratchCapacity)
    }

    /// Whether field `i` is an empty unquoted cell (a missing value). A quoted empty
    /// field (`""`) is a present empty string.
    @inline(__always)
    func isMissing(_ i: Int) -> Bool {
        let f = fields[i]
        return f.end == f.start && f.flags & CSVField.quoted == 0
    }

    /// Whether the content of field `i` can be read in place in the input (it holds no
    /// doubled quotes to undo); then it is `fieldStart(i) ..< fieldEnd(i)`.
    @inline(__always)
    func isInPlace(_ i: Int) -> Bool { fields[i].flags & (CSVField.escaped | CSVField.inScratch) == 0 }

    @inline(__always)
    func fieldStart(_ i: Int) -> Int { fields[i].start }

    @inline(__always)
    func fieldEnd(_ i: Int) -> Int { fields[i].end }

    /// Whether field `i` was quoted.
    func isQuoted(_ i: Int) -> Bool { fields[i].flags & CSVField.quoted != 0 }

    /// The content of field `i`, with doubled quotes undone. Valid until the next row.
    @inline(__always)
    mutating func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        let f = fields[i]
        if f.flags & (CSVField.escaped | CSVField.inScratch) == 0 {
            return UnsafeRawBufferPointer(start: base + f.start, count: f.end - f.start)
        }
        if f.flags & CSVField.inScratch != 0 {
            return UnsafeRawBufferPointer(start: scratch + f.start, count: f.end - f.start)
        }
        return unescape(i, f)
    }

    private mutating func unescape(_ i: Int, _ f: CSVField) -> UnsafeRawBufferPointer {
        let from = scratchUsed
        var k = f.start
        while k < f.end {
            let c = base[k]
            scratch[scratchUsed] = c
            scratchUsed += 1
            k += c == CSVScanner.quote && k + 1 < f.end && base[k + 1] == CSVScanner.quote ? 2 : 1
        }
        fields[i] = CSVField(start: from, end: scratchUsed, flags: f.flags | CSVField.inScratch)
        return UnsafeRawBufferPointer(start: scratch + from, count: scratchUsed - from)
    }

    /// The raw text of the current row, without its line end.
    var rowBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + rowStart, count: rowEnd - rowStart)
    }
}
