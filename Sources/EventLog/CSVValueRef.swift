/// A reference to one cell's bytes, packed in 64 bits, in one of three places: in place in
/// the input file, in a chunk's `escapes` buffer (cells whose doubled quotes were undone),
/// or in a chunk's case `records`. ``missing`` marks an empty cell.
///
/// Layout: bits 62…63 place, bits 25…61 offset (128 GB), bits 0…24 length (32 MB).
enum CSVValueRef {
    static let missing: UInt64 = .max
    static let inFile: UInt64 = 0
    static let inEscapes: UInt64 = 1 << 62
    static let inRecords: UInt64 = 2 << 62
    static let placeMask: UInt64 = 3 << 62
    static let lengthBits: UInt64 = 25
    /// Longest cell an attribute may hold.
    static let maxLength = (1 << 25) - 1
    /// Largest offset a reference can hold (the input file must be smaller).
    static let maxOffset = (1 << 37) - 1

    @inline(__always)
    static func make(_ place: UInt64, offset: Int, length: Int) -> UInt64 {
        place | UInt64(truncatingIfNeeded: offset) << lengthBits | UInt64(truncatingIfNeeded: length)
    }

    @inline(__always)
    static func length(_ ref: UInt64) -> Int { Int(truncatingIfNeeded: ref & ((1 << lengthBits) - 1)) }

    @inline(__always)
    static func offset(_ ref: UInt64) -> Int { Int(truncatingIfNeeded: (ref & ~placeMask) >> lengthBits) }

    /// The reference after the escapes and records it points into moved by these amounts.
    @inline(__always)
    static func shifted(_ ref: UInt64, escapes: Int, records: Int) -> UInt64 {
        guard ref != missing else { return ref }
        switch ref & placeMask {
        case inEscapes: return make(inEscapes, offset: offset(ref) + escapes, length: length(ref))
        case inRecords: return make(inRecords, offset: offset(ref) + records, length: length(ref))
        default: return ref
        }
    }
}

/// Where the bytes behind ``CSVValueRef``s live while they are in use.
struct CSVValueSource {
    let file: UnsafeRawBufferPointer
    let escapes: UnsafeRawBufferPointer
    let records: UnsafeRawBufferPointer

    /// The bytes of `ref` (empty for a missing value).
    @inline(__always)
    func bytes(_ ref: UInt64) -> UnsafeRawBufferPointer {
        guard ref != CSVValueRef.missing else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let place = ref & CSVValueRef.placeMask
        let base = place == CSVValueRef.inFile ? file : place == CSVValueRef.inEscapes ? escapes : records
        let start = CSVValueRef.offset(ref), count = CSVValueRef.length(ref)
        guard let p = base.baseAddress, start + count <= base.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p + start, count: count)
    }
}

/// Equality of short byte strings without a call for up to 32 bytes.
enum CSVBytes {
    @inline(__always)
    static func equal(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
        let n = x.count
        guard n == y.count else { return false }
        if n <= 16 { return CSVCodeCache.fingerprint(x) == CSVCodeCache.fingerprint(y) }
        if n <= 32 {
            // Four overlapping words cover up to 32 bytes.
            return x.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        guard let p = x.baseAddress, let q = y.baseAddress else { return false }
        return memcmp(p, q, n) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
