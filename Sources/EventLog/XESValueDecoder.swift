#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer with a stable address between growths, for the reader's
/// per-event value arena and decoding scratch. Cost: `memcpy` per append.
final class XESByteBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Bytes in use.
    var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        bigger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Appends bytes; returns where they start. Short values (the usual attribute value)
    /// are copied with a few word moves instead of a `memmove` call.
    @inline(__always)
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let start = count
        let n = bytes.count
        reserve(n &+ 16)
        guard let src = bytes.baseAddress, n > 0 else { return start }
        let dst = base + count
        if n <= 16 {
            if n >= 8 {
                dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (dst + n - 8).storeBytes(of: src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), as: UInt64.self)
            } else if n >= 4 {
                dst.storeBytes(of: src.loadUnaligned(as: UInt32.self), as: UInt32.self)
                (dst + n - 4).storeBytes(of: src.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), as: UInt32.self)
            } else {
                for k in 0..<n { dst.storeBytes(of: src.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
            }
        } else {
            dst.copyMemory(from: src, byteCount: n)
        }
        count += n
        return start
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// The bytes `start..<end` (valid until the next append).
    @inline(__always)
    func bytes(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: end - start)
    }
}

/// Turns the raw bytes of an XML attribute value into the text it stands for: decodes
/// `&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;`, applies XML's attribute-value
/// normalisation (TAB, LF, CR and CR LF become one space each), transcodes Latin-1 when the
/// document declares it, and checks that the result is valid UTF-8.
///
/// Only values the scanner flagged come here; plain ASCII values are used in place.
enum XESValueDecoder {
    /// Appends the decoded form of `src` to `out`; throws with `line` on a bad reference
    /// or invalid UTF-8.
    static func decode(
        _ src: UnsafeRawBufferPointer, flags: UInt8, latin1: Bool, line: Int, into out: XESByteBuffer
    ) throws(ImportError) {
        let start = out.count
        out.reserve(src.count * 2)
        let n = src.count
        var i = 0
        while i < n {
            let c = src[i]
            switch c {
            case UInt8(ascii: "&"):
                i = try reference(src, at: i, line: line, into: out)
                continue
            case 0x0D:
                out.append(byte: 0x20)
                if i + 1 < n && src[i + 1] == 0x0A { i += 1 }
            case 0x0A, 0x09:
                out.append(byte: 0x20)
            case 0x80...:
                if latin1 {
                    out.append(byte: 0xC0 | (c >> 6))
                    out.append(byte: 0x80 | (c & 0x3F))
                } else {
                    out.append(byte: c)
                }
            default:
                out.append(byte: c)
            }
            i += 1
        }
        if !latin1 && flags & XESValueFlags.nonASCII != 0 {
            let decoded = out.bytes(start, out.count)
            if let bad = firstInvalidUTF8(decoded) {
                throw ImportError(
                    .invalidEncoding, file: "", line: line, expected: "UTF-8 text",
                    found: "byte 0x" + String(decoded[bad], radix: 16, uppercase: true),
                    reason: "invalid UTF-8 in an attribute value (declare encoding=\"ISO-8859-1\" if the file is Latin-1)")
            }
        }
    }

    /// Decodes the reference starting at `src[i] == '&'`; returns the index after its `;`.
    private static func reference(_ src: UnsafeRawBufferPointer, at i: Int, line: Int, into out: XESByteBuffer) throws(ImportError) -> Int {
        var j = i + 1
        while j < src.count && j - i <= 12 && src[j] != UInt8(ascii: ";") { j += 1 }
        let body = UnsafeRawBufferPointer(rebasing: src[(i + 1)..<min(j, src.count)])
        let text = String(decoding: body, as: UTF8.self)
        guard j < src.count && src[j] == UInt8(ascii: ";") else {
            throw ImportError(
                .malformedXML, file: "", line: line, expected: "an entity such as &amp; or &#38;", found: "&" + text,
                reason: "bare '&' in an attribute value (write it as &amp;)")
        }
        switch text {
        case "amp": out.append(byte: UInt8(ascii: "&"))
        case "lt": out.append(byte: UInt8(ascii: "<"))
        case "gt": out.append(byte: UInt8(ascii: ">"))
        case "quot": out.append(byte: UInt8(ascii: "\""))
        case "apos": out.append(byte: UInt8(ascii: "'"))
        default:
            guard text.hasPrefix("#") else {
                throw ImportError(
                    .malformedXML, file: "", line: line, expected: "&amp; &lt; &gt; &quot; &apos; or &#NN;",
                    found: "&" + text + ";", reason: "unknown entity (entity declarations are not supported)")
            }
            let digits = text.dropFirst()
            let value: UInt32? =
                digits.first == "x" || digits.first == "X"
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, isXMLChar(value), let scalar = Unicode.Scalar(value) else {
                throw ImportError(
                    .malformedXML, file: "", line: line, found: "&" + text + ";",
                    reason: "character reference to a code point XML does not allow")
            }
            for unit in UTF8.encode(scalar) ?? UTF8.EncodedScalar() { out.append(byte: unit) }
        }
        return j + 1
    }

    private static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    /// Index of the first byte that breaks UTF-8, or `nil` when the bytes are valid.
    static func firstInvalidUTF8(_ b: UnsafeRawBufferPointer) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch c {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(c & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(c & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(c & 0x07))
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(cc & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
