/// Splits one RFC 4180 record (quotes, doubled quotes, newlines inside quotes, CRLF) out of a
/// byte buffer, without copying unless a field has doubled quotes.
struct CSVRecordParser {
    enum Outcome {
        /// A record ending before `next`; `fields` field slices were filled; `newlines` consumed.
        case record(next: Int, fields: Int, newlines: Int)
        /// The buffer ends inside the record: read more and call again.
        case incomplete
        /// The record is malformed; skip to `next`.
        case malformed(next: Int, newlines: Int, reason: String)
    }

    var delimiter: UInt8 = 0x2C

    /// Parses the record at `start`. Field `i` lands in `fields[i]` (up to `fields.count`; the
    /// count returned may be larger, meaning extra fields were dropped). Unescaped copies of
    /// quoted fields go to `scratch` from `scratchUsed` on.
    func parse(
        _ p: UnsafePointer<UInt8>, start: Int, end: Int, atEOF: Bool, fields: UnsafeMutableBufferPointer<FieldSlice>,
        scratch: UnsafeMutablePointer<UInt8>
    ) -> Outcome {
        var i = start, field = 0, newlines = 0, scratchUsed = 0
        let d = delimiter
        while true {
            // One field.
            if i < end && p[i] == 0x22 {
                i += 1
                let contentStart = i
                var hasEscapes = false
                while true {
                    guard i < end else {
                        return atEOF ? .malformed(next: end, newlines: newlines, reason: "unterminated quoted field") : .incomplete
                    }
                    let b = p[i]
                    if b == 0x22 {
                        if i + 1 < end && p[i + 1] == 0x22 {
                            hasEscapes = true
                            i += 2
                            continue
                        }
                        if i + 1 >= end && !atEOF { return .incomplete }
                        break
                    }
                    if b == 0x0A { newlines += 1 }
                    i += 1
                }
                let contentEnd = i
                i += 1  // closing quote
                if field < fields.count {
                    if hasEscapes {
                        let out = scratch + scratchUsed
                        var k = contentStart, n = 0
                        while k < contentEnd {
                            out[n] = p[k]
                            n += 1
                            k += p[k] == 0x22 ? 2 : 1
                        }
                        fields[field] = FieldSlice(base: UnsafePointer(out), count: n)
                        scratchUsed += n
                    } else {
                        fields[field] = FieldSlice(base: p + contentStart, count: contentEnd - contentStart)
                    }
                }
                field += 1
                if i < end && p[i] == 0x0D { i += 1 }
                guard i < end else {
                    return atEOF ? .record(next: end, fields: field, newlines: newlines) : .incomplete
                }
                if p[i] == d {
                    i += 1
                    continue
                }
                if p[i] == 0x0A { return .record(next: i + 1, fields: field, newlines: newlines + 1) }
                var skip = i
                while skip < end && p[skip] != 0x0A { skip += 1 }
                if skip >= end && !atEOF { return .incomplete }
                return .malformed(
                    next: min(skip + 1, end), newlines: newlines + (skip < end ? 1 : 0),
                    reason: "unexpected character after a closing quote (a quote inside a field must be doubled)")
            }
            let fieldStart = i
            i = CSVRecordParser.scan(p, from: i, end: end, delimiter: d)
            if i >= end && !atEOF { return .incomplete }
            var fieldEnd = i
            if fieldEnd > fieldStart && p[fieldEnd - 1] == 0x0D && (i >= end || p[i] == 0x0A) { fieldEnd -= 1 }
            if field < fields.count { fields[field] = FieldSlice(base: p + fieldStart, count: fieldEnd - fieldStart) }
            field += 1
            if i >= end { return .record(next: end, fields: field, newlines: newlines) }
            if p[i] == d {
                i += 1
                continue
            }
            return .record(next: i + 1, fields: field, newlines: newlines + 1)
        }
    }

    /// The first position in `[from, end)` holding the delimiter or a newline (or `end`),
    /// testing 8 bytes a step.
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, from: Int, end: Int, delimiter d: UInt8) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = ones &* UInt64(d), newlines = ones &* 0x0A
        while i + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let a = word ^ delimiters, b = word ^ newlines
            let hit = ((a &- ones) & ~a | (b &- ones) & ~b) & highs
            if hit != 0 { return i + (hit.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < end && p[i] != d && p[i] != 0x0A { i += 1 }
        return i
    }

    /// Number of `"` bytes in `[from, to)`, 8 bytes a step.
    static func countQuotes(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int { count(0x22, p, from, to) }

    /// Number of newlines in `[from, to)`, 8 bytes a step.
    static func countNewlines(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int { count(0x0A, p, from, to) }

    private static func count(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = ones &* UInt64(byte)
        var i = from, n = 0
        while i + 8 <= to {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            // High bit set in each byte that is zero (exact, no borrow between bytes).
            let zero = ~(((x & lows) &+ lows) | x | lows)
            n += zero.nonzeroBitCount
            i += 8
        }
        while i < to {
            if p[i] == byte { n += 1 }
            i += 1
        }
        return n
    }

    /// The delimiter among `,` `;` tab `|` that occurs most in the first line (outside quotes).
    static func detectDelimiter(_ p: UnsafePointer<UInt8>, count: Int) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0, 0x7C: 0]
        var quoted = false
        for i in 0..<count {
            let b = p[i]
            if b == 0x22 { quoted.toggle() }
            if !quoted && b == 0x0A { break }
            if !quoted, counts[b] != nil { counts[b, default: 0] += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
        return (best?.value ?? 0) > 0 ? (best?.key ?? 0x2C) : 0x2C
    }
}
