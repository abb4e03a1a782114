/// Byte-level formatting of CSV cells for ``CSVLogWriter``: quoting, spreadsheet-safe
/// prefixes, integers, floats and ISO 8601 timestamps, appended straight to a byte buffer.
enum CSVCellEncoding {
    /// Appends `bytes` as one cell: quoted when it holds a comma, a quote or a line end, or
    /// when it is a present empty string (`""`, which reads back as "" and not as missing).
    /// With `spreadsheetSafe`, a cell that starts like a formula (`=`, `+`, `-`, `@`, tab,
    /// carriage return) and is not a number gets a leading `'`.
    static func appendText(
        _ bytes: UnsafeRawBufferPointer, to out: inout [UInt8], spreadsheetSafe: Bool, forceQuotes: Bool = false
    ) {
        let prefix = spreadsheetSafe && startsLikeFormula(bytes)
        var needsQuotes = forceQuotes || (bytes.isEmpty && !prefix)
        if !needsQuotes {
            for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
        }
        if !needsQuotes {
            if prefix { out.append(0x27) }
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        if prefix { out.append(0x27) }
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    /// Appends a Swift string as one cell (header names). A name holding `;`, tab or `|` is
    /// quoted too: the reader detects the delimiter on the header line, outside quotes.
    static func appendText(_ text: String, to out: inout [UInt8], spreadsheetSafe: Bool) {
        var copy = text
        copy.withUTF8 {
            let other = $0.contains { $0 == 0x3B || $0 == 0x09 || $0 == 0x7C }
            appendText(UnsafeRawBufferPointer($0), to: &out, spreadsheetSafe: spreadsheetSafe, forceQuotes: other)
        }
    }

    private static func startsLikeFormula(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case 0x3D, 0x40, 0x09, 0x0D: return true  // = @ tab CR
        case 0x2B, 0x2D: return !CSVAttributeTyping.isDecimal(bytes)  // + -
        default: return false
        }
    }

    /// Appends a signed integer in decimal.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value == 0 {
            out.append(0x30)
            return
        }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var k = 20
            while magnitude > 0 {
                k -= 1
                digits[k] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
            }
            if value < 0 { out.append(0x2D) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[k..<20]))
        }
    }

    /// Appends a float as ``AttributeValue/format(_:)`` writes it (reads back exactly).
    static func appendFloat(_ value: Double, to out: inout [UInt8]) {
        out.append(contentsOf: AttributeValue.format(value).utf8)
    }

    /// Appends the same text as ``Timestamp/iso8601(_:)``, without building a `String`.
    static func appendTimestamp(_ micros: Int64, to out: inout [UInt8]) {
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
        appendPadded(y, 4, &out)
        out.append(0x2D)
        appendPadded(m, 2, &out)
        out.append(0x2D)
        appendPadded(d, 2, &out)
        out.append(0x54)
        appendPadded(Int(sod / 3600), 2, &out)
        out.append(0x3A)
        appendPadded(Int(sod % 3600 / 60), 2, &out)
        out.append(0x3A)
        appendPadded(Int(sod % 60), 2, &out)
        if us != 0 {
            out.append(0x2E)
            appendPadded(Int(us), 6, &out)
        }
        out.append(contentsOf: [0x2B, 0x30, 0x30, 0x3A, 0x30, 0x30])  // +00:00
    }

    /// Appends `value` zero-padded to at least `width` digits (negative years included).
    private static func appendPadded(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        if value < 0 || value >= 1_000_000 {
            let text = String(value)
            if text.utf8.count < width { out.append(contentsOf: repeatElement(0x30, count: width - text.utf8.count)) }
            out.append(contentsOf: text.utf8)
            return
        }
        var digits = 1
        var limit = 10
        while value >= limit {
            digits += 1
            limit *= 10
        }
        for _ in digits..<max(width, digits) { out.append(0x30) }
        var divisor = limit / 10
        while divisor > 0 {
            out.append(UInt8(value / divisor % 10) + 0x30)
            divisor /= 10
        }
    }
}
