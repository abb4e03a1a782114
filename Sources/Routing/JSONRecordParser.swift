import EventLog

/// Parses one JSON Lines record — a flat object per line — into field slots, without copying
/// unless a string has escapes. Keys the caller does not know are skipped (nested values
/// included); a known key holding an object or array makes the row malformed.
struct JSONRecordParser {
    /// Field names → slot (codes of the pool are slots).
    let keys: StringPool

    enum Outcome {
        case record(next: Int)
        case incomplete
        case malformed(next: Int, reason: String)
        case blank(next: Int)
    }

    func parse(
        _ p: UnsafePointer<UInt8>, start: Int, end: Int, atEOF: Bool, fields: UnsafeMutableBufferPointer<FieldSlice>,
        scratch: UnsafeMutablePointer<UInt8>
    ) -> Outcome {
        var lineEnd = start
        while lineEnd < end && p[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd >= end && !atEOF { return .incomplete }
        let next = min(lineEnd + 1, end)
        var cursor = Cursor(p: p, i: start, end: lineEnd, scratch: scratch)
        cursor.skipSpace()
        if cursor.i >= cursor.end { return .blank(next: next) }
        do throws(Cursor.Failure) {
            try cursor.expect(0x7B, "'{' at the start of the line")
            cursor.skipSpace()
            if cursor.peek == 0x7D {
                cursor.i += 1
            } else {
                while true {
                    cursor.skipSpace()
                    guard cursor.peek == 0x22 else { throw Cursor.Failure("expected a quoted key") }
                    let key = try cursor.string()
                    cursor.skipSpace()
                    try cursor.expect(0x3A, "':' after a key")
                    cursor.skipSpace()
                    let slot = keys.code(of: key.bytes).map(Int.init)
                    let value = try cursor.value(known: slot != nil, keyName: key)
                    if let slot, slot < fields.count { fields[slot] = value }
                    cursor.skipSpace()
                    if cursor.peek == 0x2C {
                        cursor.i += 1
                        continue
                    }
                    try cursor.expect(0x7D, "',' or '}' after a value")
                    break
                }
            }
            cursor.skipSpace()
            guard cursor.i >= cursor.end else { throw Cursor.Failure("unexpected text after the closing '}'") }
        } catch {
            return .malformed(next: next, reason: "invalid JSON at byte \(cursor.i - start + 1): \(error.message)")
        }
        return .record(next: next)
    }

    private struct Cursor {
        struct Failure: Error {
            var message: String
            init(_ m: String) { message = m }
        }

        let p: UnsafePointer<UInt8>
        var i: Int
        let end: Int
        let scratch: UnsafeMutablePointer<UInt8>
        var scratchUsed = 0

        init(p: UnsafePointer<UInt8>, i: Int, end: Int, scratch: UnsafeMutablePointer<UInt8>) {
            self.p = p
            self.i = i
            self.end = end
            self.scratch = scratch
        }

        var peek: UInt8 { i < end ? p[i] : 0 }

        mutating func skipSpace() {
            while i < end && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D) { i += 1 }
        }

        mutating func expect(_ b: UInt8, _ what: String) throws(Failure) {
            guard i < end && p[i] == b else { throw Failure("expected \(what)") }
            i += 1
        }

        /// A string at `i` (which is `"`); unescaped into scratch when needed.
        mutating func string() throws(Failure) -> FieldSlice {
            i += 1
            let s = i
            while i < end && p[i] != 0x22 && p[i] != 0x5C { i += 1 }
            if i < end && p[i] == 0x22 {
                i += 1
                return FieldSlice(base: p + s, count: i - 1 - s)
            }
            let out = scratch + scratchUsed
            var n = 0
            for k in s..<i { out[n] = p[k]; n += 1 }
            while true {
                guard i < end else { throw Failure("unterminated string") }
                let b = p[i]
                if b == 0x22 { i += 1; break }
                if b < 0x20 { throw Failure("control character inside a string") }
                if b != 0x5C { out[n] = b; n += 1; i += 1; continue }
                guard i + 1 < end else { throw Failure("unterminated escape") }
                let e = p[i + 1]
                i += 2
                switch e {
                case 0x22, 0x5C, 0x2F: out[n] = e; n += 1
                case 0x62: out[n] = 0x08; n += 1
                case 0x66: out[n] = 0x0C; n += 1
                case 0x6E: out[n] = 0x0A; n += 1
                case 0x72: out[n] = 0x0D; n += 1
                case 0x74: out[n] = 0x09; n += 1
                case 0x75:
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard i + 1 < end, p[i] == 0x5C, p[i + 1] == 0x75 else { throw Failure("lone surrogate in \\u escape") }
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw Failure("invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw Failure("lone surrogate in \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw Failure("invalid \\u escape") }
                    for byte in UTF8.encode(u).map({ Array($0) }) ?? [] { out[n] = byte; n += 1 }
                default: throw Failure("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            }
            scratchUsed += n
            return FieldSlice(base: UnsafePointer(out), count: n)
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard i + 4 <= end else { throw Failure("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = p[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: throw Failure("invalid hex digit in \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// A value: string, number, true/false (as text), null (absent); nested values are
        /// skipped for unknown keys and refused for known ones.
        mutating func value(known: Bool, keyName: FieldSlice) throws(Failure) -> FieldSlice {
            let b = peek
            if b == 0x22 { return try string() }
            if b == 0x7B || b == 0x5B {
                if known {
                    throw Failure("key '\(String(decoding: keyName.bytes, as: UTF8.self))' holds an object or array; expected a string or number")
                }
                try skipNested()
                return .absent
            }
            let s = i
            while i < end, p[i] != 0x2C, p[i] != 0x7D, p[i] != 0x20, p[i] != 0x09, p[i] != 0x0D { i += 1 }
            let token = FieldSlice(base: p + s, count: i - s)
            guard token.count > 0 else { throw Failure("expected a value") }
            if token.count == 4 && p[s] == 0x6E && p[s + 1] == 0x75 && p[s + 2] == 0x6C && p[s + 3] == 0x6C { return .absent }
            let first = p[s]
            guard first == 0x2D || (first >= 0x30 && first <= 0x39) || first == 0x74 || first == 0x66 else {
                throw Failure("expected a value, found '\(String(decoding: token.bytes, as: UTF8.self))'")
            }
            return token
        }

        mutating func skipNested() throws(Failure) {
            var depth = 0
            while i < end {
                let b = p[i]
                if b == 0x22 {
                    _ = try string()
                    continue
                }
                if b == 0x7B || b == 0x5B { depth += 1 }
                if b == 0x7D || b == 0x5D {
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return
                    }
                }
                i += 1
            }
            throw Failure("unterminated object or array")
        }
    }
}
