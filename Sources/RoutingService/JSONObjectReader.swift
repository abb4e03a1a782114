import Routing

/// One member of a JSON object as read from a request body: its key and value as byte slices
/// into the body (or into scratch space when a string had escapes).
struct JSONMember {
    enum Kind: Equatable {
        case string, number, bool, null, object, array

        /// How the kind is named in error messages.
        var name: String {
            switch self {
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            case .object: return "an object"
            case .array: return "an array"
            }
        }
    }

    var key: FieldSlice
    var kind: Kind
    /// Strings: the unescaped text; numbers and booleans: the token; objects and arrays: the
    /// raw bytes from the opening to the closing bracket; null: empty.
    var value: FieldSlice
    /// Byte offset of the value in the body (for nested reads).
    var offset: Int
}

/// Where and why a body is not JSON.
struct JSONSyntaxError: Error, Equatable {
    /// 1-based byte offset in the body.
    var offset: Int
    var message: String
}

/// A strict, allocation-light JSON reader over raw bytes for request bodies: reads one object
/// into its members (nested values are validated and kept as raw slices) and arrays of objects.
/// Strings without escapes are not copied; escaped ones are unescaped into `scratch`, which must
/// hold at least as many bytes as the input. Depth is limited to 64. Cost: one pass over the bytes.
struct JSONObjectReader {
    let p: UnsafePointer<UInt8>
    let end: Int
    let scratch: UnsafeMutablePointer<UInt8>
    private(set) var scratchUsed = 0
    var i: Int

    static let maxDepth = 64

    init(_ p: UnsafePointer<UInt8>, count: Int, scratch: UnsafeMutablePointer<UInt8>) {
        self.p = p
        self.end = count
        self.scratch = scratch
        i = 0
    }

    /// Reads the whole input as one object followed only by whitespace.
    mutating func readDocumentObject(into members: inout [JSONMember]) throws(JSONSyntaxError) {
        skipSpace()
        guard i < end else { throw JSONSyntaxError(offset: 1, message: "the body is empty; expected a JSON object") }
        guard p[i] == 0x7B else { throw failure("expected a JSON object starting with '{'") }
        try readObject(into: &members)
        skipSpace()
        guard i >= end else { throw failure("unexpected text after the closing '}'") }
    }

    /// Reads the object at `i` (which is `{`) and leaves `i` after its `}`.
    mutating func readObject(into members: inout [JSONMember]) throws(JSONSyntaxError) {
        i += 1
        skipSpace()
        if peek == 0x7D {
            i += 1
            return
        }
        while true {
            skipSpace()
            guard peek == 0x22 else { throw failure("expected a quoted key") }
            let key = try string()
            skipSpace()
            try expect(0x3A, "':' after a key")
            skipSpace()
            let start = i
            let (kind, value) = try value(depth: 1)
            members.append(JSONMember(key: key, kind: kind, value: value, offset: start))
            skipSpace()
            if peek == 0x2C {
                i += 1
                continue
            }
            try expect(0x7D, "',' or '}' after a value")
            return
        }
    }

    /// Positions of the elements of the array at `i` (which is `[`), each validated; leaves `i`
    /// after the `]`. Returns (offset, kind) per element.
    mutating func readArray() throws(JSONSyntaxError) -> [(offset: Int, kind: JSONMember.Kind)] {
        var out: [(offset: Int, kind: JSONMember.Kind)] = []
        i += 1
        skipSpace()
        if peek == 0x5D {
            i += 1
            return out
        }
        while true {
            skipSpace()
            let start = i
            let (kind, _) = try value(depth: 1)
            out.append((start, kind))
            skipSpace()
            if peek == 0x2C {
                i += 1
                continue
            }
            try expect(0x5D, "',' or ']' after an array element")
            return out
        }
    }

    private var peek: UInt8 { i < end ? p[i] : 0 }

    private func failure(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: min(i, end) + 1, message: message)
    }

    private mutating func skipSpace() {
        while i < end && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A) { i += 1 }
    }

    private mutating func expect(_ b: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard i < end && p[i] == b else {
            throw failure(i < end ? "expected \(what), found '\(Character(Unicode.Scalar(p[i])))'" : "expected \(what), found the end of the body")
        }
        i += 1
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> (JSONMember.Kind, FieldSlice) {
        guard depth <= JSONObjectReader.maxDepth else { throw failure("nested deeper than \(JSONObjectReader.maxDepth) levels") }
        switch peek {
        case 0x22:
            return (.string, try string())
        case 0x7B, 0x5B:
            let open = p[i]
            let start = i
            try skipContainer(open: open, depth: depth)
            return (open == 0x7B ? .object : .array, slice(p + start, i - start))
        case 0x74:
            try literal("true")
            return (.bool, slice(p + i - 4, 4))
        case 0x66:
            try literal("false")
            return (.bool, slice(p + i - 5, 5))
        case 0x6E:
            try literal("null")
            return (.null, slice(p + i, 0))
        case 0x2D, 0x30...0x39:
            let start = i
            try number()
            return (.number, slice(p + start, i - start))
        default:
            throw failure(i < end ? "expected a value, found '\(Character(Unicode.Scalar(p[i])))'" : "expected a value, found the end of the body")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { throw failure("expected a value") }
        let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { p[i + $0] == w[$0] } }
        guard ok else { throw failure("expected a value") }
        i += n
    }

    /// RFC 8259 number grammar.
    private mutating func number() throws(JSONSyntaxError) {
        if peek == 0x2D { i += 1 }
        guard i < end, p[i] >= 0x30 && p[i] <= 0x39 else { throw failure("expected a digit in a number") }
        if p[i] == 0x30 {
            i += 1
        } else {
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        }
        if peek == 0x2E {
            i += 1
            guard i < end, p[i] >= 0x30 && p[i] <= 0x39 else { throw failure("expected a digit after '.'") }
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        }
        if peek == 0x65 || peek == 0x45 {
            i += 1
            if peek == 0x2B || peek == 0x2D { i += 1 }
            guard i < end, p[i] >= 0x30 && p[i] <= 0x39 else { throw failure("expected a digit in an exponent") }
            while i < end && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        }
    }

    /// Validates a nested object or array and moves past it.
    private mutating func skipContainer(open: UInt8, depth: Int) throws(JSONSyntaxError) {
        i += 1
        let close: UInt8 = open == 0x7B ? 0x7D : 0x5D
        skipSpace()
        if peek == close {
            i += 1
            return
        }
        while true {
            skipSpace()
            if open == 0x7B {
                guard peek == 0x22 else { throw failure("expected a quoted key") }
                _ = try string()
                skipSpace()
                try expect(0x3A, "':' after a key")
                skipSpace()
            }
            _ = try value(depth: depth + 1)
            skipSpace()
            if peek == 0x2C {
                i += 1
                continue
            }
            try expect(close, open == 0x7B ? "',' or '}'" : "',' or ']'")
            return
        }
    }

    /// A string at `i` (which is `"`), unescaped into scratch when it has escapes. UTF-8 is
    /// checked for well-formedness.
    private mutating func string() throws(JSONSyntaxError) -> FieldSlice {
        i += 1
        let s = i
        while i < end && p[i] != 0x22 && p[i] != 0x5C && p[i] >= 0x20 { i += 1 }
        if i < end && p[i] == 0x22 {
            i += 1
            let field = slice(p + s, i - 1 - s)
            guard JSONObjectReader.isUTF8(field.bytes) else { throw JSONSyntaxError(offset: s + 1, message: "a string is not valid UTF-8") }
            return field
        }
        let out = scratch + scratchUsed
        var n = 0
        for k in s..<i {
            out[n] = p[k]
            n += 1
        }
        while true {
            guard i < end else { throw failure("unterminated string") }
            let b = p[i]
            if b == 0x22 {
                i += 1
                break
            }
            if b < 0x20 { throw failure("control character inside a string (escape it)") }
            if b != 0x5C {
                out[n] = b
                n += 1
                i += 1
                continue
            }
            guard i + 1 < end else { throw failure("unterminated escape") }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out[n] = e
            case 0x62: out[n] = 0x08
            case 0x66: out[n] = 0x0C
            case 0x6E: out[n] = 0x0A
            case 0x72: out[n] = 0x0D
            case 0x74: out[n] = 0x09
            case 0x75:
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 1 < end, p[i] == 0x5C, p[i + 1] == 0x75 else { throw failure("lone surrogate in a \\u escape") }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw failure("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw failure("lone surrogate in a \\u escape")
                }
                guard let u = Unicode.Scalar(scalar), let encoded = UTF8.encode(u) else { throw failure("invalid \\u escape") }
                for byte in encoded {
                    out[n] = byte
                    n += 1
                }
                continue
            default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
            n += 1
        }
        scratchUsed += n
        let field = slice(UnsafePointer(out), n)
        guard JSONObjectReader.isUTF8(field.bytes) else { throw JSONSyntaxError(offset: s + 1, message: "a string is not valid UTF-8") }
        return field
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= end else { throw failure("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw failure("invalid hex digit in a \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// Whether `bytes` is well-formed UTF-8 (ASCII fast path).
    static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var k = 0
        let n = bytes.count
        while k < n {
            let b = bytes[k]
            if b < 0x80 {
                k += 1
                continue
            }
            let length: Int
            let low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return false
            }
            guard k + length <= n, bytes[k + 1] >= low, bytes[k + 1] <= high else { return false }
            for j in 2..<max(2, length) where bytes[k + j] < 0x80 || bytes[k + j] > 0xBF { return false }
            k += length
        }
        return true
    }
}

/// A field slice over `count` bytes at `base`.
@inline(__always)
func slice(_ base: UnsafePointer<UInt8>, _ count: Int) -> FieldSlice {
    var s = FieldSlice.absent
    s.base = base
    s.count = count
    return s
}
