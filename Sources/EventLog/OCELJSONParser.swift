/// A JSON value as read by ``OCELJSONParser``: objects keep their member order and the
/// line they start on, so that a reader can say where a bad event is.
indirect enum OCELJSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([OCELJSONValue])
    case object(OCELJSONObject)

    /// The value as an attribute value (`nil` for null, arrays and objects).
    var attributeValue: AttributeValue? {
        switch self {
        case .bool(let b): .bool(b)
        case .int(let v): .int(v)
        case .double(let v): .float(v)
        case .string(let s): .string(s)
        case .null, .array, .object: nil
        }
    }

    /// A short description of what this value is, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var array: [OCELJSONValue]? { if case .array(let a) = self { a } else { nil } }
    var object: OCELJSONObject? { if case .object(let o) = self { o } else { nil } }
}

/// One member of a JSON object.
struct OCELJSONMember: Sendable {
    var key: String
    var value: OCELJSONValue
}

/// A JSON object: members in file order and the 1-based line of its `{`.
struct OCELJSONObject: Sendable {
    var members: [OCELJSONMember]
    var line: Int

    /// The value of the first member named `key` (linear search: OCEL objects are small).
    subscript(key: String) -> OCELJSONValue? {
        for m in members where m.key == key { return m.value }
        return nil
    }
}

/// Where and why a JSON text is not well-formed.
struct OCELJSONSyntaxError: Error, Sendable {
    enum Kind: Sendable { case syntax, truncated, encoding, tooDeep }
    var kind: Kind
    var line: Int
    var message: String
    var found: String?
}

/// A strict RFC 8259 JSON parser over raw bytes, for OCEL JSON files.
///
/// It rejects invalid UTF-8, control characters inside strings, trailing garbage and
/// nesting deeper than ``maxDepth`` (so hostile input cannot exhaust the stack). Numbers
/// without a fraction or exponent that fit in `Int64` become ``OCELJSONValue/int``.
/// Use ``value()`` for a whole tree, or the streaming calls (``enterObject()``,
/// ``nextMember(first:)``, ``enterArray()``, ``nextElement(first:)``, ``skipValue()``) to
/// walk a big document one element at a time. Cost: one pass over the bytes; a tree costs
/// roughly 3–5× the bytes it came from.
struct OCELJSONParser {
    static let maxDepth = 256

    let b: UnsafeRawBufferPointer
    var i = 0
    var line = 1
    var depth = 0

    /// A parser over `bytes`, which must stay valid while it is used; a UTF-8 BOM is skipped.
    init(_ bytes: UnsafeRawBufferPointer) {
        b = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    func error(_ message: String, kind: OCELJSONSyntaxError.Kind = .syntax) -> OCELJSONSyntaxError {
        if i >= b.count { return OCELJSONSyntaxError(kind: .truncated, line: line, message: "the JSON text ends early: " + message) }
        var end = i
        while end < b.count, end - i < 20, b[end] != 0x0A { end += 1 }
        let found = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<end]), as: UTF8.self)
        return OCELJSONSyntaxError(kind: kind, line: line, message: message, found: found)
    }

    mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 0x0A: line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            default: return
            }
        }
    }

    mutating func value() throws(OCELJSONSyntaxError) -> OCELJSONValue {
        skipSpace()
        guard i < b.count else { throw error("expected a value") }
        switch b[i] {
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return try number()
        default: throw error("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(OCELJSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw error("expected '\(word)'") }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw error("expected '\(word)'") }
        i += n
    }

    mutating func enter() throws(OCELJSONSyntaxError) {
        depth += 1
        if depth > OCELJSONParser.maxDepth { throw error("nesting deeper than \(OCELJSONParser.maxDepth) levels", kind: .tooDeep) }
    }

    private mutating func object() throws(OCELJSONSyntaxError) -> OCELJSONValue {
        try enter()
        let startLine = line
        i += 1
        var members: [OCELJSONMember] = []
        skipSpace()
        if i < b.count, b[i] == 0x7D {
            i += 1
            depth -= 1
            return .object(OCELJSONObject(members: members, line: startLine))
        }
        while true {
            skipSpace()
            guard i < b.count, b[i] == 0x22 else { throw error("expected a member name in double quotes") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == 0x3A else { throw error("expected ':' after a member name") }
            i += 1
            let v = try value()
            members.append(OCELJSONMember(key: key, value: v))
            skipSpace()
            guard i < b.count else { throw error("expected ',' or '}'") }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x7D { i += 1; break }
            throw error("expected ',' or '}' after an object member")
        }
        depth -= 1
        return .object(OCELJSONObject(members: members, line: startLine))
    }

    private mutating func array() throws(OCELJSONSyntaxError) -> OCELJSONValue {
        try enter()
        i += 1
        var items: [OCELJSONValue] = []
        skipSpace()
        if i < b.count, b[i] == 0x5D {
            i += 1
            depth -= 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw error("expected ',' or ']'") }
            if b[i] == 0x2C { i += 1; continue }
            if b[i] == 0x5D { i += 1; break }
            throw error("expected ',' or ']' after an array element")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func number() throws(OCELJSONSyntaxError) -> OCELJSONValue {
        let start = i
        var integral = true
        if b[i] == 0x2D { i += 1 }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("expected a digit") }
        if b[i] == 0x30 { i += 1 } else { while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 } }
        if i < b.count, b[i] == 0x2E {
            integral = false
            i += 1
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("expected a digit after '.'") }
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            integral = false
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw error("expected a digit in the exponent") }
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if integral, let v = Int64(text) { return .int(v) }
        guard let d = Double(text) else { throw error("number out of range") }
        return .double(d)
    }

    /// Reads a string starting at the opening quote.
    mutating func string() throws(OCELJSONSyntaxError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes; ASCII needs no UTF-8 validation.
        var ascii = true
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let slice = UnsafeRawBufferPointer(rebasing: b[start..<i])
                if ascii {
                    i += 1
                    return String(decoding: slice, as: UTF8.self)
                }
                guard let s = String(validating: slice, as: UTF8.self) else {
                    i = start
                    throw error("invalid UTF-8 in a string", kind: .encoding)
                }
                i += 1
                return s
            }
            if c == 0x5C { break }
            if c < 0x20 { throw error("control character inside a string") }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        var out: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", kind: .encoding)
                }
                return s
            }
            if c < 0x20 { throw error("control character inside a string") }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { break }
            switch b[i] {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                i += 1
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { throw error("unpaired surrogate in \\u escape") }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw error("invalid low surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    throw error("unpaired surrogate in \\u escape")
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
                continue
            default: throw error("invalid escape in a string")
            }
            i += 1
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(OCELJSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("expected 4 hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("expected 4 hex digits after \\u")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
