/// Working time of one region: Monday to Friday, `startHour ..< endHour` local time at a
/// fixed UTC offset.
///
/// Every instant maps to a *working coordinate*: the working seconds elapsed since the
/// epoch (clamped to the nearest working moment outside hours). Adding working time is
/// then plain addition, and both directions are O(1) closed forms. All times are seconds.
struct WorkingClock: Sendable {
    let offset: Int64
    let dayStart: Int64
    let dayLength: Int64

    init(region: Region, startHour: Int, endHour: Int) {
        offset = region.utcOffsetSeconds
        dayStart = Int64(startHour) * 3600
        dayLength = Int64(endHour - startHour) * 3600
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Day of the week of a local day number (days since 1970-01-01): 0 = Monday … 6 = Sunday.
    @inline(__always)
    static func weekday(localDay: Int64) -> Int {
        Int((localDay + 3) - floorDiv(localDay + 3, 7) * 7)
    }

    /// Working seconds from the epoch up to `utc` (a moment outside hours maps to the next
    /// working start, which equals the previous working end).
    @inline(__always)
    func coordinate(_ utc: Int64) -> Int64 {
        let local = utc + offset
        let day = Self.floorDiv(local, 86_400)
        let secondOfDay = local - day * 86_400
        let shifted = day + 3
        let week = Self.floorDiv(shifted, 7)
        let weekday = shifted - week * 7
        if weekday >= 5 { return (week * 5 + 5) * dayLength }
        let into = min(max(secondOfDay - dayStart, 0), dayLength)
        return (week * 5 + weekday) * dayLength + into
    }

    /// The earliest instant (UTC) inside working hours whose coordinate is `c`.
    @inline(__always)
    func instant(_ c: Int64) -> Int64 {
        let workday = Self.floorDiv(c, dayLength)
        let into = c - workday * dayLength
        let week = Self.floorDiv(workday, 5)
        let weekday = workday - week * 5
        let day = week * 7 + weekday - 3
        return day * 86_400 + dayStart + into - offset
    }

    /// `seconds` of working time after `utc`, landing inside working hours.
    @inline(__always)
    func adding(_ seconds: Int64, to utc: Int64) -> Int64 { instant(coordinate(utc) + max(seconds, 0)) }

    /// The first working moment at or after `utc`.
    @inline(__always)
    func snap(_ utc: Int64) -> Int64 { instant(coordinate(utc)) }

    /// Working seconds between two instants (0 when `to` is not after `from`).
    @inline(__always)
    func workingSeconds(from: Int64, to: Int64) -> Int64 { max(0, coordinate(to) - coordinate(from)) }

    /// Whether `utc` falls inside working hours on a working day.
    func isWorking(_ utc: Int64) -> Bool {
        let local = utc + offset
        let day = Self.floorDiv(local, 86_400)
        let sod = local - day * 86_400
        return Self.weekday(localDay: day) < 5 && sod >= dayStart && sod < dayStart + dayLength
    }
}
