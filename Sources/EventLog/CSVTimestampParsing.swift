/// What parsing one timestamp cell gave.
enum CSVTimestampOutcome: Equatable {
    case ok(Int64)
    case unparsable
    case outOfRange
}

/// Parses timestamp cells from raw bytes in the form ``ImportOptions/timestampFormat``
/// names, shifting naive local times to UTC by ``ImportOptions/timezone``.
///
/// ISO 8601 goes through ``ISO8601Parser``; day-first and month-first dates
/// (`dd/MM/yyyy[ HH:mm[:ss[.ffffff]]]`, with `/`, `.` or `-`) and epoch seconds or
/// milliseconds are parsed here. An ISO date is accepted in the day- and month-first forms
/// too, since it cannot be misread. Zone offsets for naive times are cached per local hour,
/// so a named zone such as `Europe/Rome` costs one lookup per distinct hour, not per cell.
/// Each thread uses its own copy (the cache is mutable).
struct CSVTimestampReader: Sendable {
    let format: TimestampFormat
    let zone: NaiveTimeZone
    private let shiftsNaive: Bool
    private var cacheHours = [Int64](repeating: .min, count: 256)
    private var cacheOffsets = [Int64](repeating: 0, count: 256)
    /// The day of the last ISO timestamp, which most of the next ones share.
    private var day = ISODayCache()

    static let hourMicros: Int64 = 3_600_000_000

    init(format: TimestampFormat, zone: NaiveTimeZone) {
        self.format = format
        self.zone = zone
        shiftsNaive = !zone.isUTC
    }

    /// What a good cell looks like, for messages.
    var expectation: String {
        switch format {
        case .iso8601: "ISO 8601 like 2024-03-01T08:15:00Z"
        case .dayFirst: "day-first like 31/12/2024 08:15:00"
        case .monthFirst: "month-first like 12/31/2024 08:15:00"
        case .epochSeconds: "seconds since 1970-01-01 like 1709280900"
        case .epochMilliseconds: "milliseconds since 1970-01-01 like 1709280900000"
        }
    }

    /// Parses one cell. Cost: a few ns for ISO and epoch forms.
    @inline(__always)
    mutating func parse(_ b: UnsafeRawBufferPointer) -> CSVTimestampOutcome {
        switch format {
        case .iso8601:
            if let t = day.parse(b) { return t.hasOffset ? .ok(t.micros) : checked(naiveToUTC(t.micros)) }
            guard let t = ISO8601Parser.parse(b) else { return .unparsable }
            day.remember(b)
            return t.hasOffset ? .ok(t.micros) : checked(naiveToUTC(t.micros))
        case .dayFirst, .monthFirst:
            if b.count >= 5, b[4] == 0x2D, let t = ISO8601Parser.parse(b) {
                return t.hasOffset ? .ok(t.micros) : checked(naiveToUTC(t.micros))
            }
            return parseNumericDate(b, dayFirst: format == .dayFirst)
        case .epochSeconds: return parseEpoch(b, unitDigits: 6)
        case .epochMilliseconds: return parseEpoch(b, unitDigits: 3)
        }
    }

    @inline(__always)
    private func checked(_ t: Int64) -> CSVTimestampOutcome {
        t >= Timestamp.minimum && t <= Timestamp.maximum ? .ok(t) : .outOfRange
    }

    /// UTC for a naive local time, through the per-hour offset cache.
    mutating func naiveToUTC(_ local: Int64) -> Int64 {
        guard shiftsNaive else { return local }
        let hour = local >= 0 ? local / Self.hourMicros : (local + 1) / Self.hourMicros - 1
        let slot = Int(UInt64(bitPattern: hour) & 255)
        if cacheHours[slot] == hour { return local - cacheOffsets[slot] }
        let start = hour * Self.hourMicros
        let last = start + Self.hourMicros - 1
        let offsetAtStart = start - zone.toUTC(start)
        let offsetAtEnd = last - zone.toUTC(last)
        guard offsetAtStart == offsetAtEnd else { return zone.toUTC(local) }
        cacheHours[slot] = hour
        cacheOffsets[slot] = offsetAtStart
        return local - offsetAtStart
    }

    /// `d/M/yyyy` or `M/d/yyyy` (separator `/`, `.` or `-`), optionally followed by a space
    /// or `T` and `H:mm[:ss[.fraction]]`, optionally followed by `Z` or `±hh[:mm]`.
    private mutating func parseNumericDate(_ b: UnsafeRawBufferPointer, dayFirst: Bool) -> CSVTimestampOutcome {
        var i = 0
        var end = b.count
        while i < end && b[i] == 0x20 { i += 1 }
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        func number(min: Int, max: Int) -> Int? {
            var v = 0, k = 0
            while i < end, k < max, b[i] >= 0x30, b[i] <= 0x39 {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                k += 1
            }
            return k >= min ? v : nil
        }
        guard let first = number(min: 1, max: 2), i < end else { return .unparsable }
        let separator = b[i]
        guard separator == 0x2F || separator == 0x2E || separator == 0x2D else { return .unparsable }
        i += 1
        guard let second = number(min: 1, max: 2), i < end, b[i] == separator else { return .unparsable }
        i += 1
        guard let year = number(min: 4, max: 4) else { return .unparsable }
        var hour = 0, minute = 0, second_ = 0, micro = 0
        if i < end && (b[i] == 0x20 || b[i] == 0x54) {
            while i < end && (b[i] == 0x20 || b[i] == 0x54) { i += 1 }
            guard let h = number(min: 1, max: 2), i < end, b[i] == 0x3A else { return .unparsable }
            i += 1
            guard let m = number(min: 2, max: 2) else { return .unparsable }
            hour = h
            minute = m
            if i < end && b[i] == 0x3A {
                i += 1
                guard let s = number(min: 2, max: 2) else { return .unparsable }
                second_ = s
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
                    guard any else { return .unparsable }
                }
            }
        }
        var offsetSeconds: Int?
        if i < end {
            let c = b[i]
            if c == 0x5A || c == 0x7A {
                offsetSeconds = 0
                i += 1
            } else if c == 0x2B || c == 0x2D {
                i += 1
                guard let oh = number(min: 2, max: 2), oh <= 23 else { return .unparsable }
                var om = 0
                if i < end && b[i] == 0x3A { i += 1 }
                if i < end {
                    guard let m = number(min: 2, max: 2), m <= 59 else { return .unparsable }
                    om = m
                }
                offsetSeconds = (c == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
            }
        }
        guard i == end else { return .unparsable }
        let (day, month) = dayFirst ? (first, second) : (second, first)
        guard let local = Timestamp.micros(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second_, micro: micro)
        else { return .unparsable }
        if let offsetSeconds { return checked(local - Int64(offsetSeconds) * Timestamp.microsPerSecond) }
        return checked(naiveToUTC(local))
    }

    /// `[-]digits[.digits]` in seconds (`unitDigits` 6) or milliseconds (`unitDigits` 3).
    private func parseEpoch(_ b: UnsafeRawBufferPointer, unitDigits: Int) -> CSVTimestampOutcome {
        var i = 0
        var end = b.count
        while i < end && b[i] == 0x20 { i += 1 }
        while end > i && b[end - 1] == 0x20 { end -= 1 }
        var negative = false
        if i < end && (b[i] == 0x2D || b[i] == 0x2B) {
            negative = b[i] == 0x2D
            i += 1
        }
        var whole: Int64 = 0
        var digits = 0
        var tooBig = false
        while i < end, b[i] >= 0x30, b[i] <= 0x39 {
            if whole > 100_000_000_000_000_000 / 10 { tooBig = true } else { whole = whole * 10 + Int64(b[i] - 0x30) }
            digits += 1
            i += 1
        }
        var fraction: Int64 = 0
        if i < end && b[i] == 0x2E {
            i += 1
            var scale: Int64 = 1
            for _ in 0..<unitDigits { scale *= 10 }
            var any = false
            while i < end, b[i] >= 0x30, b[i] <= 0x39 {
                scale /= 10
                fraction += Int64(b[i] - 0x30) * scale
                any = true
                i += 1
            }
            guard any else { return .unparsable }
        }
        guard digits > 0, i == end else { return .unparsable }
        let perUnit: Int64 = unitDigits == 6 ? 1_000_000 : 1000
        let limit = Timestamp.maximum / perUnit
        guard !tooBig, whole <= limit else { return .outOfRange }
        let magnitude = whole * perUnit + fraction
        return checked(negative ? -magnitude : magnitude)
    }
}
