/// The day of the last ISO 8601 timestamp read, so that the next one on the same day (the
/// usual case in an event log sorted or grouped by time) skips its date.
///
/// ``parse(_:)`` reads only the exact shape `yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]`
/// (`T` may be `t` or a space) and only when the first ten bytes equal the cached date; anything
/// else returns `nil`, and the caller uses ``ISO8601Parser``, which gives the same value for
/// every text this accepts. ``remember(_:)`` caches the date of a text that parser accepted.
struct ISODayCache: Sendable {
    /// The date's ten bytes, as the first eight and the last two.
    private var head: UInt64 = 0
    private var tail: UInt16 = 0
    private var days: Int64 = 0
    private var valid = false

    /// Caches the date of `b`, a timestamp ``ISO8601Parser`` accepted, when it starts with one.
    mutating func remember(_ b: UnsafeRawBufferPointer) {
        guard b.count >= 11, b[4] == 0x2D, b[7] == 0x2D else { return }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for k in from..<(from + count) {
                let c = Int(b[k]) &- 48
                guard c >= 0 && c <= 9 else { return nil }
                v = v * 10 + c
            }
            return v
        }
        guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let midnight = Timestamp.micros(year: year, month: month, day: day)
        else { return }
        head = b.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        tail = b.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        days = midnight / (86_400 * Timestamp.microsPerSecond)
        valid = true
    }

    /// The timestamp of `b` in microseconds (UTC when it has an offset) and whether it has
    /// one, or `nil` when `b` is not on the cached day or not in the exact shape.
    @inline(__always)
    func parse(_ b: UnsafeRawBufferPointer) -> ParsedTimestamp? {
        let n = b.count
        guard valid, n >= 19, b.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == head,
            b.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == tail, b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74,
            b[13] == 0x3A, b[16] == 0x3A
        else { return nil }
        @inline(__always) func two(_ i: Int) -> Int {
            let hi = Int(b[i]) &- 48, lo = Int(b[i + 1]) &- 48
            return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1
        }
        let hour = two(11), minute = two(14), second = two(17)
        guard hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 59 else { return nil }
        var i = 19
        var micro = 0
        if i < n && (b[i] == 0x2E || b[i] == 0x2C) {
            i += 1
            var scale = 100_000
            let first = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 {
                micro += Int(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > first else { return nil }
        }
        var offsetSeconds = 0
        var hasOffset = false
        if i < n {
            let c = b[i]
            if (c == 0x5A || c == 0x7A) && i + 1 == n {
                hasOffset = true
            } else if c == 0x2B || c == 0x2D {
                // ±hh, ±hhmm or ±hh:mm, and nothing after.
                let rest = n - i - 1
                let oh = rest >= 2 ? two(i + 1) : -1
                let om: Int
                switch rest {
                case 2: om = 0
                case 4: om = two(i + 3)
                case 5: om = b[i + 3] == 0x3A ? two(i + 4) : -1
                default: return nil
                }
                guard oh >= 0, oh <= 23, om >= 0, om <= 59 else { return nil }
                offsetSeconds = (c == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
                hasOffset = true
            } else {
                return nil
            }
        }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        let utc = seconds * Timestamp.microsPerSecond + Int64(micro)
        guard utc >= Timestamp.minimum, utc <= Timestamp.maximum else { return nil }
        return ParsedTimestamp(micros: utc, hasOffset: hasOffset)
    }
}
