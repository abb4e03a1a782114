/// Buffers XES text as bytes and hands it to an ``XESOutputFile`` in 1 MiB pieces.
///
/// Knows the small vocabulary a XES writer needs: literal markup, XML-escaped text, decimal
/// integers and ISO 8601 UTC timestamps, all formatted straight into bytes.
struct XESByteWriter {
    private var bytes: [UInt8] = []
    private let out: XESOutputFile
    private static let flushThreshold = 1 << 20

    init(_ out: XESOutputFile) {
        self.out = out
        bytes.reserveCapacity(Self.flushThreshold + 64 * 1024)
    }

    /// Writes what is buffered once the buffer is large.
    mutating func flushIfFull() throws(XESWriteError) {
        if bytes.count >= Self.flushThreshold { try flush() }
    }

    /// Writes everything buffered.
    mutating func flush() throws(XESWriteError) {
        var failure: XESWriteError?
        bytes.withUnsafeBytes { raw in
            do throws(XESWriteError) { try out.write(raw) } catch { failure = error }
        }
        bytes.removeAll(keepingCapacity: true)
        if let failure { throw failure }
    }

    @inline(__always)
    mutating func literal(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ s: String) {
        var copy = s
        copy.withUTF8 { escaped(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `value` escaped for a double-quoted XML attribute value. TAB, LF and CR become
    /// character references (so they survive XML's attribute normalisation); other control
    /// characters, which XML 1.0 cannot carry, become U+FFFD.
    mutating func escaped(_ value: UnsafeRawBufferPointer) {
        var plain = true
        for b in value where b < 0x20 || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
        {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: value)
            return
        }
        for b in value {
            switch b {
            case UInt8(ascii: "&"): literal("&amp;")
            case UInt8(ascii: "<"): literal("&lt;")
            case UInt8(ascii: ">"): literal("&gt;")
            case UInt8(ascii: "\""): literal("&quot;")
            case UInt8(ascii: "'"): literal("&apos;")
            case 0x09: literal("&#9;")
            case 0x0A: literal("&#10;")
            case 0x0D: literal("&#13;")
            case 0..<0x20: literal("\u{FFFD}")
            default: bytes.append(b)
            }
        }
    }

    /// A decimal integer.
    mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(magnitude % 10) + 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmm+00:00`, or six fraction digits when the instant has
    /// sub-millisecond precision.
    mutating func timestamp(_ micros: Int64) {
        var us = micros % Timestamp.microsPerSecond
        var secs = micros / Timestamp.microsPerSecond
        if us < 0 {
            us += Timestamp.microsPerSecond
            secs -= 1
        }
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 {
            sod += 86_400
            days -= 1
        }
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        pad(y, 4)
        bytes.append(UInt8(ascii: "-"))
        pad(m, 2)
        bytes.append(UInt8(ascii: "-"))
        pad(d, 2)
        bytes.append(UInt8(ascii: "T"))
        pad(Int(sod / 3600), 2)
        bytes.append(UInt8(ascii: ":"))
        pad(Int(sod % 3600 / 60), 2)
        bytes.append(UInt8(ascii: ":"))
        pad(Int(sod % 60), 2)
        bytes.append(UInt8(ascii: "."))
        if us % 1000 == 0 { pad(Int(us / 1000), 3) } else { pad(Int(us), 6) }
        literal("+00:00")
    }

    private mutating func pad(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = max(0, value)
        if v >= divisor * 10 {
            integer(Int64(v))
            return
        }
        while divisor > 0 {
            bytes.append(UInt8(v / divisor) + 48)
            v %= divisor
            divisor /= 10
        }
    }
}
