import Foundation

/// Parses decimal numbers from raw bytes without allocating: `[+-]digits[.digits][(e|E)[+-]digits]`,
/// correctly rounded (exact fast path for ≤ 15 significant digits and small exponents,
/// `strtod` otherwise). Surrounding spaces are allowed; anything else returns `nil`.
enum NumberParser {
    private static let powers: [Double] = (0...22).map { i in (0..<i).reduce(1.0) { acc, _ in acc * 10 } }

    static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Double? {
        var i = 0, end = n
        while i < end && p[i] == 0x20 { i += 1 }
        while end > i && p[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        let start = i
        var negative = false
        if p[i] == 0x2D || p[i] == 0x2B {
            negative = p[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, significant = 0
        while i < end, p[i] &- 0x30 < 10 {
            if significant > 0 || p[i] != 0x30 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30) } else { fractionDigits -= 1 }
            digits += 1
            i += 1
        }
        if i < end && p[i] == 0x2E {
            i += 1
            while i < end, p[i] &- 0x30 < 10 {
                if significant > 0 || p[i] != 0x30 { significant += 1 }
                if significant <= 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                    fractionDigits += 1
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < end && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < end && (p[i] == 0x2D || p[i] == 0x2B) {
                expNegative = p[i] == 0x2D
                i += 1
            }
            var any = false
            while i < end, p[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
                any = true
                i += 1
            }
            guard any else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == end else { return nil }
        let e = exponent - fractionDigits
        if significant <= 15 && mantissa < (1 << 53) && abs(e) <= 22 {
            let m = Double(mantissa)
            let v = e >= 0 ? m * powers[e] : m / powers[-e]
            return negative ? -v : v
        }
        // Slow path: strtod on a NUL-terminated copy.
        var copy = [CChar](repeating: 0, count: end - start + 1)
        for k in start..<end { copy[k - start] = CChar(bitPattern: p[k]) }
        let value = strtod(copy, nil)
        return value.isFinite ? value : nil
    }
}
