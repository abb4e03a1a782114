/// The word-at-a-time (SWAR) inner loops of ``XESScanner``: eight bytes per step while
/// nothing interesting is in them, then the byte-wise handling.
extension XESScanner {
    /// The index of the first byte from `start` that is not white space, eight bytes a step
    /// (stops early, at a word holding anything unusual, for the byte loop to decide).
    @inline(__always)
    mutating func skipSpace(_ b: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        var p = start
        let raw = UnsafeRawPointer(b)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let ones: UInt64 = 0x0101_0101_0101_0101
        /// High bit set exactly in the zero bytes of `v`.
        @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 { ~(((v & low7) &+ low7) | v | low7) }
        while p &+ 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let newlines = zeroBytes(x ^ (ones &* 0x0A))
            let space = zeroBytes(x ^ (ones &* 0x20)) | zeroBytes(x ^ (ones &* 0x09)) | zeroBytes(x ^ (ones &* 0x0D)) | newlines
            let notSpace = ~space & 0x8080_8080_8080_8080
            if notSpace == 0 {
                line &+= newlines.nonzeroBitCount
                p &+= 8
                continue
            }
            // Keep the white-space prefix of this word.
            let prefix = notSpace.trailingZeroBitCount >> 3
            if prefix > 0 {
                let mask: UInt64 = (1 &<< UInt64(prefix &* 8)) &- 1
                line &+= (newlines & mask).nonzeroBitCount
                p &+= prefix
            }
            return p
        }
        return p
    }

    /// ` value="` and ` key="` as little-endian words (literals: no lazy globals on the hot path).
    static var spaceValueQuote: UInt64 { 0x223D_6575_6C61_7620 }
    static var spaceKeyQuote: UInt64 { 0x223D_7965_6B20 }

    /// The index of the first byte from `i` that ends a name (white space, `/`, `>`, `=`,
    /// `<`, a quote), or `n`; eight bytes a step.
    @inline(__always)
    func skipName(_ b: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ stop: UnsafePointer<UInt8>) -> Int {
        var i = start
        let raw = UnsafeRawPointer(b)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        while i &+ 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Bytes ≥ 0x80 are name bytes: mask them out of the "below 0x21" test.
            let below21 = (x &- ones &* 0x21) & ~x & highs
            let hits = below21 | hasZero(x ^ (ones &* 0x2F)) | hasZero(x ^ (ones &* 0x3E)) | hasZero(x ^ (ones &* 0x3D))
                | hasZero(x ^ (ones &* 0x3C)) | hasZero(x ^ (ones &* 0x22)) | hasZero(x ^ (ones &* 0x27))
            if hits != 0 { return i &+ (hits.trailingZeroBitCount >> 3) }
            i &+= 8
        }
        while i < n && stop[Int(b[i])] == 0 { i &+= 1 }
        return i
    }

    /// Scans a quoted value up to its closing quote; `false` when the buffer ends first.
    ///
    /// Eight bytes at a time while none of them is special (a quote, `&`, `<`, a control
    /// character or a byte ≥ 0x80); the byte-wise loop handles the rest.
    @inline(__always)
    mutating func scanValue(
        _ b: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, quote: UInt8, flags: inout UInt8
    ) throws(ImportError) -> Bool {
        let value = valueClass
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = ones &* UInt64(quote)
        let amps = ones &* UInt64(UInt8(ascii: "&"))
        let lts = ones &* UInt64(UInt8(ascii: "<"))
        let raw = UnsafeRawPointer(b)
        while true {
            while i &+ 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
                let below20 = (x &- ones &* 0x20) & ~x & highs
                let special = below20 | (x & highs) | hasZero(x ^ quotes) | hasZero(x ^ amps) | hasZero(x ^ lts)
                if special != 0 {
                    i &+= special.trailingZeroBitCount >> 3
                    if b[i] == quote { return true }
                    break
                }
                i &+= 8
            }
            // Byte-wise up to and including the first special byte.
            guard i < n else { return false }
            let end = min(i &+ 8, n)
            while i < end {
                let c = value[Int(b[i])]
                if c == 0 {
                    i &+= 1
                    continue
                }
                switch c {
                case XESByteClass.doubleQuote, XESByteClass.singleQuote:
                    if b[i] == quote { return true }
                case XESByteClass.ampersand:
                    flags |= XESValueFlags.entity
                case XESByteClass.lessThan:
                    throw ImportError(
                        .malformedXML, file: "", line: line, found: "<",
                        reason: "'<' inside an attribute value (unclosed quote, or an unescaped '<')")
                case XESByteClass.newline:
                    line &+= 1
                    flags |= XESValueFlags.whitespace
                case XESByteClass.whitespace:
                    flags |= XESValueFlags.whitespace
                case XESByteClass.nonASCII:
                    flags |= XESValueFlags.nonASCII
                default:
                    throw ImportError(
                        .malformedXML, file: "", line: line, found: describe(b[i]),
                        reason: "control character in an attribute value (not allowed in XML)")
                }
                i &+= 1
            }
        }
    }
}
