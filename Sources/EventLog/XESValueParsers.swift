#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsers for the typed values of XES attributes (`int`, `float`, `boolean`), on raw bytes.
/// Each returns `nil` for text that is not a value of its type; surrounding spaces are allowed.
enum XESValueParsers {
    /// A decimal `Int64` with an optional sign; `nil` on overflow.
    static func int(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var end = b.count
        while i < end && b[i] == 0x20 { i += 1 }
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return nil }
        var value: Int64 = 0
        while i < end {
            let d = Int64(b[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            guard !o1 && !o2 else { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// A decimal floating-point number (`1`, `-2.5`, `3e-7`, `NaN`, `INF`, `-Infinity`).
    static func double(_ b: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        var end = b.count
        while i < end && b[i] == 0x20 { i += 1 }
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        let n = end - i
        guard n > 0, n < 128 else { return nil }
        // Only what a decimal number or an infinity/NaN word can contain (no hex floats).
        for k in i..<end {
            switch b[k] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "n"),
                UInt8(ascii: "N"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "a"), UInt8(ascii: "A"),
                UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "y"), UInt8(ascii: "Y"):
                continue
            default:
                return nil
            }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { text -> Double? in
            guard let base = text.baseAddress else { return nil }
            for k in 0..<n { text[k] = CChar(bitPattern: b[i + k]) }
            text[n] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &endPointer)
            guard let endPointer, endPointer - base == n else { return nil }
            return value
        }
    }

    /// `true`/`false` in any case, or `1`/`0`.
    static func bool(_ b: UnsafeRawBufferPointer) -> Bool? {
        var i = 0
        var end = b.count
        while i < end && b[i] == 0x20 { i += 1 }
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        let n = end - i
        @inline(__always) func lower(_ k: Int) -> UInt8 { b[i + k] | 0x20 }
        if n == 4 && lower(0) == UInt8(ascii: "t") && lower(1) == UInt8(ascii: "r") && lower(2) == UInt8(ascii: "u")
            && lower(3) == UInt8(ascii: "e")
        {
            return true
        }
        if n == 5 && lower(0) == UInt8(ascii: "f") && lower(1) == UInt8(ascii: "a") && lower(2) == UInt8(ascii: "l")
            && lower(3) == UInt8(ascii: "s") && lower(4) == UInt8(ascii: "e")
        {
            return false
        }
        if n == 1 && b[i] == UInt8(ascii: "1") { return true }
        if n == 1 && b[i] == UInt8(ascii: "0") { return false }
        return nil
    }
}
