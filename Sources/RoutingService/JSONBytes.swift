/// Builds a JSON response body straight into bytes: no `Encodable`, no intermediate `String`.
/// Cost: one growing `[UInt8]` per response.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    @inline(__always)
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// A quoted, escaped string from raw UTF-8 bytes.
    mutating func string(_ value: UnsafeRawBufferPointer) {
        bytes.append(0x22)
        for b in value {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case ..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// A quoted, escaped string.
    mutating func string(_ value: String) {
        var v = value
        v.withUTF8 { string(UnsafeRawBufferPointer($0)) }
    }

    /// A string or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// An integer.
    mutating func integer<I: BinaryInteger>(_ value: I) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A probability or share with six decimals (no exponent; NaN and infinities become null).
    mutating func decimal(_ value: Double, digits: Int = 6) {
        guard value.isFinite else { return raw("null") }
        if value < 0 { bytes.append(0x2D) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return bytes.append(contentsOf: String(value).utf8) }
        let whole = UInt64(scaled) / UInt64(scale)
        var frac = UInt64(scaled) % UInt64(scale)
        bytes.append(contentsOf: String(whole).utf8)
        guard digits > 0 else { return }
        bytes.append(0x2E)
        var digitsOut = [UInt8](repeating: 0x30, count: digits)
        for k in stride(from: digits - 1, through: 0, by: -1) {
            digitsOut[k] = UInt8(48 + frac % 10)
            frac /= 10
        }
        bytes.append(contentsOf: digitsOut)
    }

    /// `"key":` (the key is trusted ASCII).
    @inline(__always)
    mutating func key(_ k: StaticString) {
        bytes.append(0x22)
        raw(k)
        bytes.append(0x22)
        bytes.append(0x3A)
    }
}
