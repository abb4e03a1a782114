/// Small byte-level formatters for the CSV writers (no `String`, no locale).
enum ByteText {
    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func appendPadded(_ out: inout [UInt8], _ value: Int, width: Int) {
        var v = value.magnitude
        var digits = 1
        var probe = v
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        if value < 0 { out.append(0x2D) }
        if width > digits { out.append(contentsOf: repeatElement(0x30, count: width - digits)) }
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: digits))
        var i = start + digits - 1
        while i >= start {
            out[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        }
    }

    /// An amount in cents as `1234.50`.
    static func appendCents(_ out: inout [UInt8], _ cents: Int64) {
        if cents < 0 { out.append(0x2D) }
        let m = cents.magnitude
        appendPadded(&out, Int(m / 100), width: 1)
        out.append(0x2E)
        appendPadded(&out, Int(m % 100), width: 2)
    }

    /// A probability with four decimals, `0.8734`.
    static func appendProbability(_ out: inout [UInt8], _ p: Double) {
        let scaled = Int((min(1, max(0, p)) * 10_000).rounded())
        appendPadded(&out, scaled / 10_000, width: 1)
        out.append(0x2E)
        appendPadded(&out, scaled % 10_000, width: 4)
    }
}

/// A fixed list of strings stored as one byte array, for copying names without `String`.
struct ByteTable {
    private(set) var storage: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    /// Length of the longest entry.
    private(set) var longest = 0

    init(_ strings: [String]) {
        for s in strings {
            storage.append(contentsOf: s.utf8)
            offsets.append(storage.count)
            longest = max(longest, s.utf8.count)
        }
    }

    var count: Int { offsets.count - 1 }
}
