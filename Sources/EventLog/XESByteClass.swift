/// Byte classes for ``XESScanner``: 256-entry tables, looked up once per input byte.
///
/// The tables are allocated once for the life of the process and never written after.
enum XESByteClass {
    // Classes in `value` (0 = an ordinary byte inside a quoted value).
    static let doubleQuote: UInt8 = 1
    static let singleQuote: UInt8 = 2
    static let ampersand: UInt8 = 3
    static let lessThan: UInt8 = 4
    static let newline: UInt8 = 5
    static let whitespace: UInt8 = 6
    static let nonASCII: UInt8 = 7
    static let control: UInt8 = 8

    /// Between tags: 0 = space/tab/CR, 1 = LF, 2 = '<', 3 = anything else.
    nonisolated(unsafe) static let text: UnsafePointer<UInt8> = table { byte in
        switch byte {
        case 0x20, 0x09, 0x0D: 0
        case 0x0A: 1
        case UInt8(ascii: "<"): 2
        default: 3
        }
    }

    /// Inside a quoted attribute value.
    nonisolated(unsafe) static let value: UnsafePointer<UInt8> = table { byte in
        switch byte {
        case UInt8(ascii: "\""): doubleQuote
        case UInt8(ascii: "'"): singleQuote
        case UInt8(ascii: "&"): ampersand
        case UInt8(ascii: "<"): lessThan
        case 0x0A: newline
        case 0x09, 0x0D: whitespace
        case 0x80...: nonASCII
        case 0..<0x20: control
        default: 0
        }
    }

    /// 1 for bytes that end an element or attribute name.
    nonisolated(unsafe) static let nameStop: UnsafePointer<UInt8> = table { byte in
        switch byte {
        case 0...0x20, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<"),
            UInt8(ascii: "\""), UInt8(ascii: "'"):
            1
        default: 0
        }
    }

    private static func table(_ classify: (UInt8) -> UInt8) -> UnsafePointer<UInt8> {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0...255 { t[b] = classify(UInt8(b)) }
        return UnsafePointer(t)
    }
}

/// What a scanned value needs before use (bits of ``XESTag/valueFlags``).
enum XESValueFlags {
    /// Contains `&`: entity or character references to decode.
    static let entity: UInt8 = 1
    /// Contains TAB, LF or CR, which XML turns into spaces.
    static let whitespace: UInt8 = 2
    /// Contains bytes ≥ 0x80: UTF-8 to validate (or Latin-1 to transcode).
    static let nonASCII: UInt8 = 4
}
