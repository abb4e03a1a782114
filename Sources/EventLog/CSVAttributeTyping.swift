/// Infers the type of a CSV column from its values and builds the typed ``AttributeColumn``.
///
/// A column is `int` when every value is a plain integer (`-12`, `0`; no leading zeros,
/// which would be lost), `float` when every value is an integer or a decimal number
/// (`2.5`, `-1e-05`, `NaN`, `INF`), `bool` when every value is `true`/`false` (any case),
/// `date` when every value is an ISO 8601 date or time (naive ones take the import's time
/// zone), and `string` otherwise. Empty cells are missing values and do not vote. Cost: one
/// check per value until the first value that rules out every non-string type (usually the
/// first), then one parse or one cached intern per value.
enum CSVAttributeTyping {
    /// The type that every present value of `refs` fits.
    static func inferType(_ refs: [UInt64], _ source: CSVValueSource) -> AttributeType {
        var int = true, float = true, bool = true, date = true, any = false
        for ref in refs where ref != CSVValueRef.missing {
            any = true
            let b = source.bytes(ref)
            let isInt = (int || float) && isInteger(b)
            if int && !isInt { int = false }
            if float && !isInt && !isDecimal(b) { float = false }
            if bool && boolValue(b) == nil { bool = false }
            if date && (b.count < 10 || ISO8601Parser.parse(b) == nil) { date = false }
            if !int && !float && !bool && !date { return .string }
        }
        guard any else { return .string }
        if int { return .int }
        if float { return .float }
        if bool { return .bool }
        if date { return .date }
        return .string
    }

    /// The typed column `name` whose row `i` holds the value behind `refs[order[i]]`
    /// (`refs[i]` when `order` is `nil`). Strings are interned in the order of `refs`.
    static func column(
        name: String, refs: [UInt64], order: [UInt32]?, source: CSVValueSource, timestamps: inout CSVTimestampReader
    ) -> AttributeColumn {
        let type = inferType(refs, source)
        if type == .string {
            var pool = StringPool()
            let cache = CSVCodeCache(bits: 12)
            var codes = refs.map { $0 == CSVValueRef.missing ? StringPool.missing : cache.intern(source.bytes($0), into: &pool) }
            if let order { codes = CSVLogAssembly.gather(codes, order) }
            return AttributeColumn(name: name, pool: pool, codes: codes)
        }
        var raw = [Int64](repeating: 0, count: refs.count)
        var valid = [Bool](repeating: false, count: refs.count)
        for (i, ref) in refs.enumerated() where ref != CSVValueRef.missing {
            raw[i] = value(source.bytes(ref), as: type, timestamps: &timestamps)
            valid[i] = true
        }
        if let order {
            raw = CSVLogAssembly.gather(raw, order)
            valid = CSVLogAssembly.gather(valid, order)
        }
        return AttributeColumn(name: name, type: type, raw: raw, valid: valid)
    }

    /// The raw 64-bit storage of a value already known to fit `type`.
    private static func value(_ b: UnsafeRawBufferPointer, as type: AttributeType, timestamps: inout CSVTimestampReader) -> Int64 {
        switch type {
        case .int: return integerValue(b) ?? 0
        case .float: return Int64(bitPattern: (decimalValue(b) ?? 0).bitPattern)
        case .bool: return boolValue(b) == true ? 1 : 0
        case .date:
            guard let t = ISO8601Parser.parse(b) else { return 0 }
            return t.hasOffset ? t.micros : timestamps.naiveToUTC(t.micros)
        case .string: return 0
        }
    }

    /// `-?(0|[1-9][0-9]*)` within the range of `Int64`.
    static func isInteger(_ b: UnsafeRawBufferPointer) -> Bool { integerValue(b) != nil }

    static func integerValue(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        let negative = b.count > 0 && b[0] == 0x2D
        if negative { i = 1 }
        let digits = b.count - i
        guard digits > 0, digits <= 19 else { return nil }
        if digits > 1 && b[i] == 0x30 { return nil }
        var v: Int64 = 0
        while i < b.count {
            let d = Int64(b[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            guard !o1 && !o2 else { return nil }
            v = s
            i += 1
        }
        if negative && v == 0 { return nil }  // "-0" would come back as "0"
        return v
    }

    /// A decimal number (`-1.5`, `.5`, `2e10`, `1.0E-5`), `NaN`, `INF`/`inf`/`Infinity`
    /// with an optional sign. No leading zeros before other digits.
    static func isDecimal(_ b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var i = 0
        if i < n && (b[i] == 0x2D || b[i] == 0x2B) { i += 1 }
        if isSpecialFloat(UnsafeRawBufferPointer(rebasing: b[i..<n])) { return true }
        let intStart = i
        while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        let intDigits = i - intStart
        if intDigits > 1 && b[intStart] == 0x30 { return false }
        var fracDigits = 0
        if i < n && b[i] == 0x2E {
            i += 1
            let s = i
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            fracDigits = i - s
        }
        guard intDigits + fracDigits > 0 else { return false }
        // A bare integer too long for a Double to hold exactly stays text.
        if i == n && i == intStart + intDigits && intDigits > 15 { return false }
        if i < n && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < n && (b[i] == 0x2D || b[i] == 0x2B) { i += 1 }
            let s = i
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > s else { return false }
        }
        return i == n && n <= 64
    }

    private static func isSpecialFloat(_ b: UnsafeRawBufferPointer) -> Bool {
        switch b.count {
        case 3:
            let s = (b[0] | 0x20, b[1] | 0x20, b[2] | 0x20)
            return s == (0x6E, 0x61, 0x6E) || s == (0x69, 0x6E, 0x66)  // nan, inf
        case 8:
            return String(decoding: b, as: UTF8.self).lowercased() == "infinity"
        default:
            return false
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// The value of a decimal number (see ``isDecimal(_:)``): exact fast path for up to 15
    /// significant digits and a power of ten up to 22 (one correctly rounded operation),
    /// `strtod` otherwise.
    static func decimalValue(_ b: UnsafeRawBufferPointer) -> Double? {
        guard isDecimal(b) else { return nil }
        if let fast = fastDecimal(b) { return fast }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { buffer -> Double? in
            guard let p = buffer.baseAddress else { return nil }
            for i in 0..<b.count { p[i] = CChar(bitPattern: b[i]) }
            p[b.count] = 0
            return strtod(p, nil)
        }
    }

    /// `[-+]digits[.digits]` with at most 15 digits in all, or `nil` to take the slow path.
    private static func fastDecimal(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        let n = b.count
        var negative = false
        if i < n && (b[i] == 0x2D || b[i] == 0x2B) {
            negative = b[i] == 0x2D
            i += 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        while i < n {
            let c = b[i]
            if c == 0x2E && !seenPoint {
                seenPoint = true
            } else if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa * 10 + Int64(c - 0x30)
                digits += 1
                if seenPoint { scale += 1 }
                guard digits <= 15 else { return nil }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, scale <= 22 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[scale]
        return negative ? -magnitude : magnitude
    }

    /// `true`/`false` in any letter case.
    static func boolValue(_ b: UnsafeRawBufferPointer) -> Bool? {
        if b.count == 4 && (b[0] | 0x20, b[1] | 0x20, b[2] | 0x20, b[3] | 0x20) == (0x74, 0x72, 0x75, 0x65) { return true }
        if b.count == 5 && (b[0] | 0x20, b[1] | 0x20, b[2] | 0x20, b[3] | 0x20, b[4] | 0x20) == (0x66, 0x61, 0x6C, 0x73, 0x65) {
            return false
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
