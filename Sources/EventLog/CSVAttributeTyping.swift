/// Infers the type of a CSV column from its values.
///
/// A column is `int` when every value is a plain integer (`-12`, `0`; no leading zeros,
/// which would be lost), `float` when every value is an integer or a decimal number
/// (`2.5`, `-1e-05`, `NaN`, `INF`), `bool` when every value is `true`/`false` (any case),
/// `date` when every value is an ISO 8601 date or time (naive ones take the import's time
/// zone), and `string` otherwise. Empty cells are missing values and do not vote. The
/// reader narrows a type mask per column while the cells are hot in cache; a column costs
/// nothing more once its first value rules out every type but `string`.
enum CSVAttributeTyping {
    /// Bits of a type mask: the types every value seen so far fits, and whether any was seen.
    static let intBit: UInt8 = 1, floatBit: UInt8 = 2, boolBit: UInt8 = 4, dateBit: UInt8 = 8, seenBit: UInt8 = 16
    /// The mask before any value: every type still possible, nothing seen.
    static let initialMask: UInt8 = 15

    /// `mask` narrowed by one present value. Cost: nothing once only strings remain.
    @inline(__always)
    static func narrow(_ mask: UInt8, _ b: UnsafeRawBufferPointer) -> UInt8 {
        var m = mask | seenBit
        guard m & 15 != 0 else { return m }
        let isInt = m & (intBit | floatBit) != 0 && isInteger(b)
        if !isInt {
            m &= ~intBit
            if m & floatBit != 0 && !isDecimal(b) { m &= ~floatBit }
        }
        if m & boolBit != 0 && boolValue(b) == nil { m &= ~boolBit }
        if m & dateBit != 0 && (b.count < 10 || !isDate(b)) { m &= ~dateBit }
        return m
    }

    /// An ISO 8601 date that stays in the years 1–9999 whatever the time zone: a naive time
    /// within a day of either end could be shifted out, so such a column stays text.
    static func isDate(_ b: UnsafeRawBufferPointer) -> Bool {
        guard let t = ISO8601Parser.parse(b) else { return false }
        let day: Int64 = 86_400_000_000
        return t.hasOffset || (t.micros >= Timestamp.minimum + day && t.micros <= Timestamp.maximum - day)
    }

    /// The mask of two parts of one column.
    static func merge(_ a: UInt8, _ b: UInt8) -> UInt8 { (a & b & 15) | ((a | b) & seenBit) }

    /// The column type a final mask stands for (`string` when no value was seen).
    static func type(of mask: UInt8) -> AttributeType {
        guard mask & seenBit != 0 else { return .string }
        if mask & intBit != 0 { return .int }
        if mask & floatBit != 0 { return .float }
        if mask & boolBit != 0 { return .bool }
        if mask & dateBit != 0 { return .date }
        return .string
    }

    /// The type that every present value of `refs` fits.
    static func inferType(_ refs: [UInt64], _ source: CSVValueSource) -> AttributeType {
        var mask = initialMask
        for ref in refs where ref != CSVValueRef.missing {
            mask = narrow(mask, source.bytes(ref))
            if mask & 15 == 0 { break }
        }
        return type(of: mask)
    }

    /// The raw 64-bit storage of a value already known to fit `type`.
    static func value(_ b: UnsafeRawBufferPointer, as type: AttributeType, timestamps: inout CSVTimestampReader) -> Int64 {
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
            // "infinity" in any case: setting bit 5 lower-cases a letter, and only `I`/`i` and
            // so on map to each letter of it.
            let word = b.loadUnaligned(fromByteOffset: 0, as: UInt64.self) | 0x2020_2020_2020_2020
            return word == CSVAttributeTyping.infinityWord
        default:
            return false
        }
    }

    /// The bytes of "infinity" as one little-endian word.
    private static let infinityWord = Array("infinity".utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }

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
